-- Idempotent consumers: an event id is recorded in the same transaction as its effect.
CREATE TABLE processed_event (
    event_id      uuid PRIMARY KEY,
    topic         text NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now()
);
