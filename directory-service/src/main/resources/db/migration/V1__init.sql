-- Transactional outbox: a change and the event describing it are committed together; the relay
-- (OutboxRelay) publishes pending rows to Kafka and marks them, so a crash or a broker outage
-- delays an event but never loses it.
CREATE TABLE outbox_event (
    id            uuid PRIMARY KEY,
    seq           bigserial NOT NULL UNIQUE,
    topic         text NOT NULL,
    aggregate_id  text NOT NULL,
    type          text NOT NULL,
    payload       text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz
);
CREATE INDEX outbox_event_pending ON outbox_event (seq) WHERE published_at IS NULL;

CREATE TABLE partner (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    version     bigint NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
