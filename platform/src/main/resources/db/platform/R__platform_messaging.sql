-- The messaging tables every service shares (platform module), idempotent so it applies over each service's own
-- earlier migrations (which created outbox_event / processed_event and stay as they were: history is immutable).
-- Repeatable: Flyway runs it again whenever this file changes, after the service's versioned migrations.

-- Transactional outbox: a change and the event describing it are committed together; the relay (OutboxRelay)
-- publishes pending rows to Kafka, marks them, and purges published rows after maillage.outbox.retention.
CREATE TABLE IF NOT EXISTS outbox_event (
    id            uuid PRIMARY KEY,
    seq           bigserial NOT NULL UNIQUE,
    topic         text NOT NULL,
    aggregate_id  text NOT NULL,
    type          text NOT NULL,
    payload       text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_event_pending ON outbox_event (seq) WHERE published_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;

-- The relay wakes on commit: NOTIFY is delivered when the inserting transaction commits (and not at all if it rolls
-- back); identical notifications of one transaction are folded into one.
CREATE OR REPLACE FUNCTION maillage_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_event', '');
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS outbox_event_notify ON outbox_event;
CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION maillage_outbox_notify();

-- Idempotent consumers: an event id is recorded in the same transaction as its effect.
CREATE TABLE IF NOT EXISTS processed_event (
    event_id      uuid PRIMARY KEY,
    topic         text NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS processed_event_age ON processed_event (processed_at);

-- Version guard of the consumers: the last version applied per aggregate and topic; an older event is skipped.
CREATE TABLE IF NOT EXISTS consumed_version (
    topic         text NOT NULL,
    aggregate_id  text NOT NULL,
    version       bigint NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, aggregate_id)
);

-- What follows an event from the request that caused it to its consumers (issue 23, TraceHeaders): the W3C trace
-- context (traceparent, tracestate) and the request id (X-Request-Id), as a JSON object of the Kafka headers the relay
-- sends with the event. Null when there is nothing to carry. Added here, once, for every service's outbox.
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS headers jsonb;
