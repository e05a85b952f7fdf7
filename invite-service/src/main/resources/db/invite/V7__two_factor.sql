-- Two-factor authentication at sign-in: enforced for an account whose tfa mode its workspace has enabled.

-- A user's TOTP secret, AES-GCM encrypted with roster.invite.tfa.encryption-key (the account id as associated
-- data). Pending (confirmed_at NULL) until a first code proves the user's authenticator holds it.
CREATE TABLE totp_enrollment (
    account_id        UUID PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    workspace_id      TEXT        NOT NULL REFERENCES workspace (id),
    secret_encrypted  BYTEA       NOT NULL,
    -- the time step of the last code accepted: that code, and any earlier one, is spent
    last_used_step    BIGINT      NOT NULL DEFAULT -1,
    confirmed_at      TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A user's security keys (FIDO2 / WebAuthn), registered at the first sign-in that needs one: the credential's
-- public key as webauthn4j's attested credential data, and the signature counter that reveals a cloned key.
CREATE TABLE webauthn_credential (
    credential_id             BYTEA PRIMARY KEY,
    account_id                UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    workspace_id              TEXT        NOT NULL REFERENCES workspace (id),
    attested_credential_data  BYTEA       NOT NULL,
    sign_count                BIGINT      NOT NULL,
    backup_eligible           BOOLEAN     NOT NULL,
    backup_state              BOOLEAN     NOT NULL,
    created_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at              TIMESTAMPTZ
);
CREATE INDEX webauthn_credential_by_account ON webauthn_credential (account_id);

-- A sign-in whose password was right, waiting for its second factor. The challenge id handed out is a bearer
-- secret: only its SHA-256 is kept. An SMS code is kept as a BCrypt hash; a WebAuthn challenge is a nonce the
-- authenticator signs, kept as is (it must be compared, and is worthless without the user's key).
CREATE TABLE sign_in_challenge (
    id             UUID PRIMARY KEY,
    id_sha256      BYTEA       NOT NULL UNIQUE,
    workspace_id   TEXT        NOT NULL REFERENCES workspace (id),
    account_id     UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    method         TEXT        NOT NULL CHECK (method IN ('TOTP', 'SMS', 'FIDO2')),
    code_hash      TEXT,
    webauthn_challenge BYTEA,
    attempts       INTEGER     NOT NULL DEFAULT 0,
    client_ip      TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at     TIMESTAMPTZ NOT NULL,
    ended_at       TIMESTAMPTZ,
    end_reason     TEXT,
    CHECK (method <> 'SMS' OR code_hash IS NOT NULL),
    CHECK (method <> 'FIDO2' OR webauthn_challenge IS NOT NULL)
);
CREATE INDEX sign_in_challenge_open_by_account ON sign_in_challenge (account_id) WHERE ended_at IS NULL;
