-- Outbox rows the producer refused for good (too large for max.request.size, an invalid record...): the relay moves
-- them here with the reason, so that one such row no longer holds back every row behind it. They wait for an
-- operator, who re-sends them (moves them back into the outbox) or discards them (README, Operations).
CREATE TABLE outbox_parked (
    id             BIGINT      PRIMARY KEY,
    event_id       UUID        NOT NULL UNIQUE,
    topic          TEXT        NOT NULL,
    record_key     TEXT        NOT NULL,
    type           TEXT        NOT NULL,
    value          TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    parked_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    parked_reason  TEXT        NOT NULL
);
