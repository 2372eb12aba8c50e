-- Transactional outbox (same shape as the directory's): offers.offers.v1 and offers.sessions.v1
-- events are committed with the change they describe and published by OutboxRelay.
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

ALTER TABLE partner_ref ADD COLUMN typologies text[] NOT NULL DEFAULT '{}';
ALTER TABLE partner_ref ADD COLUMN deleted boolean NOT NULL DEFAULT false;

-- Reference data (not another service's database): French communes, loaded from communes.csv at
-- start-up with COPY when the file's checksum changed.
CREATE TABLE commune_ref (
    insee_code       text PRIMARY KEY,
    name             text NOT NULL,
    department_code  text,
    region_code      text,
    epci_code        text,
    epci_name        text,
    postal_codes     text,
    population       integer,
    area_km2         numeric,
    latitude         double precision,
    longitude        double precision,
    geog             geography(Point, 4326) GENERATED ALWAYS AS (
                         CASE WHEN latitude IS NOT NULL AND longitude IS NOT NULL
                              THEN ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography END) STORED
);
CREATE TABLE reference_file (
    name        text PRIMARY KEY,
    sha256      text NOT NULL,
    rows        integer NOT NULL,
    loaded_at   timestamptz NOT NULL DEFAULT now()
);

-- Read model of the directory's places (directory.places.v1), last version wins.
CREATE TABLE place_ref (
    id               uuid PRIMARY KEY,
    partner_id       uuid,
    name             text NOT NULL,
    street           text,
    complement       text,
    postal_code      text,
    insee_code       text,
    commune          text,
    latitude         double precision,
    longitude        double precision,
    geog             geography(Point, 4326) GENERATED ALWAYS AS (
                         CASE WHEN latitude IS NOT NULL AND longitude IS NOT NULL
                              THEN ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography END) STORED,
    opening_hours    text,
    phone            text,
    services         text[] NOT NULL DEFAULT '{}',
    itinerance       text,
    served_communes  text[] NOT NULL DEFAULT '{}',
    deleted          boolean NOT NULL DEFAULT false,
    version          bigint NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX place_ref_geog ON place_ref USING gist (geog) WHERE NOT deleted;
CREATE INDEX place_ref_served ON place_ref USING gin (served_communes) WHERE NOT deleted;

CREATE TABLE offer (
    id                        uuid PRIMARY KEY,
    partner_id                uuid NOT NULL,
    place_id                  uuid NOT NULL,
    title                     text NOT NULL,
    description               text,
    type                      text NOT NULL,
    themes                    text[] NOT NULL,
    publics                   text[] NOT NULL DEFAULT '{}',
    level                     text,
    modality                  text NOT NULL,
    fee_kind                  text NOT NULL,
    price_cents               integer,
    pass_numerique            boolean NOT NULL DEFAULT false,
    languages                 text[] NOT NULL DEFAULT '{}',
    accessibility             text[] NOT NULL DEFAULT '{}',
    capacity                  integer NOT NULL CHECK (capacity > 0),
    session_duration_minutes  integer NOT NULL CHECK (session_duration_minutes > 0),
    staff_ids                 uuid[] NOT NULL DEFAULT '{}',
    served_communes           text[] NOT NULL DEFAULT '{}',
    status                    text NOT NULL CHECK (status IN ('draft', 'published', 'suspended', 'archived')),
    allowed_bookers           text[] NOT NULL,
    min_delay_minutes         integer NOT NULL CHECK (min_delay_minutes >= 0),
    max_delay_days            integer NOT NULL CHECK (max_delay_days > 0),
    cancel_until_minutes      integer NOT NULL CHECK (cancel_until_minutes >= 0),
    reschedule_until_minutes  integer NOT NULL CHECK (reschedule_until_minutes >= 0),
    waiting_list              boolean NOT NULL,
    reminder_offsets_minutes  integer[] NOT NULL,
    schedule                  text NOT NULL,
    planned_until             timestamptz,
    version                   bigint NOT NULL,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offer_main_place ON offer (place_id);
CREATE INDEX offer_served ON offer USING gin (served_communes);
CREATE INDEX offer_themes ON offer USING gin (themes);
CREATE INDEX offer_status ON offer (status);

-- Every place an offer is held at (its own place and, for itinerant offers, the places of its
-- schedule rules): the spatial search goes place -> offers through this table.
CREATE TABLE offer_place (
    offer_id  uuid NOT NULL REFERENCES offer (id) ON DELETE CASCADE,
    place_id  uuid NOT NULL,
    PRIMARY KEY (offer_id, place_id)
);
CREATE INDEX offer_place_place ON offer_place (place_id);

-- Planned sessions (slots). Ids are UUID v5 of (offer id, start instant), so re-planning keeps them.
CREATE TABLE session (
    id                    uuid PRIMARY KEY,
    offer_id              uuid NOT NULL REFERENCES offer (id) ON DELETE CASCADE,
    place_id              uuid NOT NULL,
    start_at              timestamptz NOT NULL,
    end_at                timestamptz NOT NULL,
    capacity              integer NOT NULL CHECK (capacity > 0),
    status                text NOT NULL CHECK (status IN ('planned', 'cancelled')),
    cancel_reason         text,
    -- Availability as last reported by booking-service (booking.slots.v1).
    confirmed             integer NOT NULL DEFAULT 0,
    waitlisted            integer NOT NULL DEFAULT 0,
    remaining             integer GENERATED ALWAYS AS (greatest(capacity - confirmed, 0)) STORED,
    availability_version  bigint NOT NULL DEFAULT -1,
    -- Hash of the last published event data: a re-plan emits SessionChanged only when it differs.
    fingerprint           text NOT NULL,
    version               bigint NOT NULL,
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CHECK (end_at > start_at)
);
CREATE INDEX session_offer_start ON session (offer_id, start_at);
CREATE INDEX session_open ON session (start_at, offer_id) WHERE status = 'planned' AND remaining > 0;
