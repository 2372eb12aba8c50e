-- Transactional outbox: a change and the events describing it are committed together; the relay
-- (events.OutboxRelay) publishes pending rows to Kafka and marks them, so a broker outage delays an
-- event but never loses it, and a relay crash at worst republishes the same event id.
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

-- Slot inventory, a read model of offers.sessions.v1 plus the seat counters this service owns.
-- Seats are only ever taken by a conditional UPDATE (confirmed < capacity); the CHECK is the last
-- line of defence should any code path forget it.
CREATE TABLE slot (
    id                       uuid PRIMARY KEY,
    offer_id                 uuid NOT NULL,
    partner_id               uuid NOT NULL,
    place_id                 uuid NOT NULL,
    start_at                 timestamptz NOT NULL,
    end_at                   timestamptz NOT NULL,
    capacity                 int NOT NULL CHECK (capacity > 0),
    confirmed                int NOT NULL DEFAULT 0 CHECK (confirmed >= 0),
    waitlisted               int NOT NULL DEFAULT 0 CHECK (waitlisted >= 0),
    status                   text NOT NULL CHECK (status IN ('planned', 'cancelled')),
    cancel_reason            text,
    offer_title              text NOT NULL,
    offer_type               text,
    offer_themes             text NOT NULL DEFAULT '',
    place_name               text NOT NULL,
    place_street             text,
    place_postal_code        text,
    place_commune            text,
    place_insee_code         text,
    place_phone              text,
    staff_ids                text NOT NULL DEFAULT '',
    allowed_bookers          text NOT NULL,
    min_delay_minutes        int NOT NULL,
    max_delay_days           int NOT NULL,
    cancel_until_minutes     int NOT NULL,
    reschedule_until_minutes int NOT NULL,
    waiting_list             boolean NOT NULL,
    reminder_offsets         text NOT NULL,
    source_version           bigint NOT NULL,
    event_version            bigint NOT NULL DEFAULT 0,
    updated_at               timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT slot_never_overbooked CHECK (confirmed <= capacity),
    CONSTRAINT slot_end_after_start CHECK (end_at > start_at)
);
CREATE INDEX slot_offer_start ON slot (offer_id, start_at);
CREATE INDEX slot_start ON slot (start_at);

-- Bookings. queue_seq orders the waiting list (first come, first served). phone_hash / email_hash
-- are keyed hashes of the normalised contact: they back the "one active booking per person and slot"
-- unique indexes and survive neither anonymisation nor erasure.
CREATE SEQUENCE booking_queue_seq;
CREATE TABLE booking (
    id              uuid PRIMARY KEY,
    slot_id         uuid NOT NULL REFERENCES slot (id),
    offer_id        uuid NOT NULL,
    place_id        uuid NOT NULL,
    status          text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled_by_citizen',
                        'cancelled_by_service', 'attended', 'no_show')),
    queue_seq       bigint NOT NULL DEFAULT nextval('booking_queue_seq'),
    token           text UNIQUE,
    first_name      text,
    last_name       text,
    phone           text,
    email           text,
    sms_consent     boolean NOT NULL DEFAULT false,
    email_consent   boolean NOT NULL DEFAULT false,
    phone_hash      text,
    email_hash      text,
    need_theme      text,
    need_text       text CHECK (char_length(need_text) <= 280),
    booked_by       text NOT NULL CHECK (booked_by IN ('citizen', 'agent', 'partner_app')),
    agent_id        uuid,
    partner_id      uuid,
    cancel_reason   text,
    previous_start  timestamptz,
    version         bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    anonymised_at   timestamptz,
    CONSTRAINT booking_has_contact CHECK (anonymised_at IS NOT NULL OR phone IS NOT NULL OR email IS NOT NULL)
);
CREATE UNIQUE INDEX booking_one_per_phone ON booking (slot_id, phone_hash)
    WHERE status IN ('confirmed', 'waitlisted') AND phone_hash IS NOT NULL;
CREATE UNIQUE INDEX booking_one_per_email ON booking (slot_id, email_hash)
    WHERE status IN ('confirmed', 'waitlisted') AND email_hash IS NOT NULL;
CREATE INDEX booking_slot_queue ON booking (slot_id, status, queue_seq);
CREATE INDEX booking_offer ON booking (offer_id);
CREATE INDEX booking_place ON booking (place_id);
CREATE INDEX booking_to_anonymise ON booking (slot_id) WHERE anonymised_at IS NULL;

-- Idempotency-Key of POST /api/v1/bookings: the first successful answer, replayed to retries.
CREATE TABLE idempotency_key (
    key           text PRIMARY KEY,
    request_hash  text NOT NULL,
    status        int NOT NULL,
    body          text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- How many times a person (keyed contact hash) was alerted by a waiting-list promotion per offer.
CREATE TABLE waitlist_alert (
    offer_id      uuid NOT NULL,
    contact_hash  text NOT NULL,
    alerts        int NOT NULL,
    PRIMARY KEY (offer_id, contact_hash)
);

-- Staff shifts: a person from the directory staffing a slot.
CREATE TABLE shift (
    id          uuid PRIMARY KEY,
    person_id   uuid NOT NULL,
    slot_id     uuid NOT NULL REFERENCES slot (id),
    status      text NOT NULL CHECK (status IN ('assigned', 'cancelled')),
    version     bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX shift_once_per_slot ON shift (person_id, slot_id) WHERE status = 'assigned';
CREATE INDEX shift_person ON shift (person_id);
