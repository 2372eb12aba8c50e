-- The event feed (GET /api/v1/events) for partners that cannot receive webhooks: the same events and bodies as the
-- webhooks, one row per (event, organisation allowed to receive it), written by the Kafka consumers in the
-- transaction that records the event id (processed_event), whether or not the organisation has a subscription.
-- Positions are handed out under a transaction-scoped advisory lock (service/EventFeed), so they are committed in
-- their order: a reader that has seen position P will never see a smaller one appear later.
CREATE TABLE partner_event (
    position     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partner_id   uuid NOT NULL,
    event_id     uuid NOT NULL,
    event_type   text NOT NULL,
    occurred_at  timestamptz NOT NULL,
    -- the "data" object of the webhook body, built without any citizen contact data
    data         text NOT NULL,
    -- clock_timestamp() taken after the lock: grows with position, the purge deletes a prefix
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- a redelivered or replayed event adds nothing, even after processed_event forgot it
    UNIQUE (partner_id, event_id)
);
CREATE INDEX partner_event_feed ON partner_event (partner_id, position);
CREATE INDEX partner_event_age ON partner_event (created_at);

-- Up to which position events have been purged: a cursor below it may have lost events (400 on `after`).
CREATE TABLE partner_event_purge (
    id            boolean PRIMARY KEY DEFAULT true CHECK (id),
    purged_up_to  bigint NOT NULL DEFAULT 0
);
INSERT INTO partner_event_purge DEFAULT VALUES;
