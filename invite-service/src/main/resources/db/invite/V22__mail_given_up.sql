-- A mail the SMTP server refuses for good (an address it rejects, or one Jakarta Mail cannot parse) or that could not
-- be sent for roster.invite.mail.give-up-after is given up: kept, with its last error, until the retention purges it,
-- never retried again. Before, such a mail was retried every hour for ever.
ALTER TABLE mail_delivery ADD COLUMN given_up_at TIMESTAMPTZ;

DROP INDEX mail_delivery_due;
CREATE INDEX mail_delivery_due ON mail_delivery (next_attempt_at) WHERE sent_at IS NULL AND given_up_at IS NULL;
