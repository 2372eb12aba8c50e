-- Every message to send is a persisted row, created by an idempotent consumer and processed by the
-- worker (NotificationWorker). Nothing lives only in memory.
CREATE TABLE notification (
    id                  uuid PRIMARY KEY,
    -- deterministic per (what, whom, channel): a redelivered or replayed event cannot create a twin
    dedupe_key          text NOT NULL UNIQUE,
    template            text NOT NULL,
    -- set for reminders (minutes before the appointment): they are moved on reschedule and cancelled on
    -- cancellation; other messages (confirmation...) are not
    reminder_offset_minutes integer,
    -- sent even to opted-out numbers (the service owes the person this information)
    essential           boolean NOT NULL DEFAULT false,
    channel             text NOT NULL CHECK (channel IN ('sms', 'email')),
    recipient           text,
    booking_id          uuid,
    shift_id            uuid,
    person_id           uuid,
    appointment_start   timestamptz,
    -- template data (JSON); emptied when the receipt is anonymised
    model               text,
    due_at              timestamptz NOT NULL,
    next_attempt_at     timestamptz NOT NULL,
    status              text NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'skipped')),
    skip_reason         text,
    attempts            integer NOT NULL DEFAULT 0,
    last_error          text,
    segments            integer,
    provider_message_id text,
    -- a 'sending' row whose lease expired belongs to a crashed worker: it is reconciled, not blindly resent
    lease_until         timestamptz,
    version             bigint NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    sent_at             timestamptz,
    delivered_at        timestamptz,
    anonymised_at       timestamptz
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_lease ON notification (lease_until) WHERE status = 'sending';
CREATE INDEX notification_booking ON notification (booking_id);
CREATE INDEX notification_shift ON notification (shift_id);
CREATE INDEX notification_person ON notification (person_id);
CREATE INDEX notification_provider_id ON notification (provider_message_id);
CREATE INDEX notification_anonymise ON notification (created_at) WHERE anonymised_at IS NULL;

-- Read model of directory.people.v1: volunteers' contact data and preferences (last version wins).
CREATE TABLE person_ref (
    id            uuid PRIMARY KEY,
    role          text NOT NULL,
    first_name    text,
    last_name     text,
    phone         text,
    email         text,
    notify_sms    boolean NOT NULL DEFAULT false,
    notify_email  boolean NOT NULL DEFAULT false,
    deleted       boolean NOT NULL DEFAULT false,
    version       bigint NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Last applied version per booking / shift, so a stale event (older version) has no effect.
CREATE TABLE aggregate_version (
    aggregate_type text NOT NULL,
    aggregate_id   uuid NOT NULL,
    version        bigint NOT NULL,
    PRIMARY KEY (aggregate_type, aggregate_id)
);

-- Numbers that answered STOP (or were opted out through the API), in E.164.
CREATE TABLE sms_opt_out (
    phone         text PRIMARY KEY,
    source        text NOT NULL,
    opted_out_at  timestamptz NOT NULL DEFAULT now()
);

-- Transactional outbox for notification.deliveries.v1 (see events/OutboxRelay).
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
