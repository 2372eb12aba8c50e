-- Idempotent consumers: an event id is recorded in the same transaction as its effect.
CREATE TABLE processed_event (
    event_id      uuid PRIMARY KEY,
    topic         text NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now()
);

-- Read model of the directory's partners, built from directory.partners.v1.
CREATE TABLE partner_ref (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    version     bigint NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
