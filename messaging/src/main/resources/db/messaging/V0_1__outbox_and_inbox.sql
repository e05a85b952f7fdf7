-- Shared by every service, created in each service's own schema (Flyway's default schema there).

-- Transactional outbox (modelled on spring-modulith's event_publication): written in the same transaction as
-- the state change, relayed to Kafka afterwards, marked published once the broker acknowledged.
CREATE TABLE outbox (
    id            BIGSERIAL PRIMARY KEY,
    event_id      UUID        NOT NULL UNIQUE,
    topic         TEXT        NOT NULL,
    record_key    TEXT        NOT NULL,
    type          TEXT        NOT NULL,
    value         TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at  TIMESTAMPTZ
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- Idempotent consumers (modelled on eventuate's received_messages): a message id is handled once per consumer.
CREATE TABLE inbox (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
