-- Partner webhooks: a partner subscribes an HTTPS URL to event types.
CREATE TABLE webhook_subscription (
    id                    uuid PRIMARY KEY,
    partner_id            uuid NOT NULL,
    url                   text NOT NULL,
    event_types           text[] NOT NULL,
    description           text,
    -- HMAC-SHA256 key of the signatures; shown once to the owner (creation, rotation), never logged
    secret                text NOT NULL,
    status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    paused_reason         text,
    paused_at             timestamptz,
    -- failed attempts in a row (any 2xx resets it) and since when: both can pause the subscription
    consecutive_failures  integer NOT NULL DEFAULT 0,
    failing_since         timestamptz,
    last_delivery_at      timestamptz,
    last_delivery_status  text,
    last_status_code      integer,
    last_error            text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscription_partner ON webhook_subscription (partner_id);

-- Outbox of webhook calls, filled by the Kafka consumers in the transaction that records the event;
-- sent by WebhookSender. One row per (event, subscription): a redelivered event adds nothing.
CREATE TABLE webhook_delivery (
    id                uuid PRIMARY KEY,
    subscription_id   uuid NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_id          uuid NOT NULL,
    event_type        text NOT NULL,
    -- the exact body sent and signed; built without any citizen contact data
    payload           text NOT NULL,
    status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'delivered', 'failed')),
    attempts          integer NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL,
    -- a 'sending' row whose lease expired belongs to a crashed sender: it is sent again
    lease_until       timestamptz,
    last_status_code  integer,
    last_error        text,
    last_attempt_at   timestamptz,
    delivered_at      timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (event_id, subscription_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX webhook_delivery_log ON webhook_delivery (subscription_id, created_at DESC);
CREATE INDEX webhook_delivery_purge ON webhook_delivery (created_at) WHERE status IN ('delivered', 'failed');
