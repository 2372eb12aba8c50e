-- Issue 19: volunteers and staff. A shift staffs a whole permanence, a roster says who is available, absences and
-- closures look after the people booked, a volunteer's phone subscribes to a secret calendar address.

-- A permanence is a run of contiguous slots of one offer at one place (the offers service cuts a 09:00-11:00 range
-- into 30-minute sessions); its id is the id of its first slot. A shift now covers the whole permanence: one
-- assignment, one message, one reminder. slot_id stays the permanence's first slot (kept for the slot-based API).
ALTER TABLE shift ADD COLUMN permanence_id uuid;
ALTER TABLE shift ADD COLUMN start_at timestamptz;
ALTER TABLE shift ADD COLUMN end_at timestamptz;
ALTER TABLE shift ADD COLUMN cancel_reason text;
ALTER TABLE shift ADD COLUMN absence_id uuid;
UPDATE shift s SET permanence_id = s.slot_id, start_at = sl.start_at, end_at = sl.end_at
    FROM slot sl WHERE sl.id = s.slot_id;
ALTER TABLE shift ALTER COLUMN permanence_id SET NOT NULL;
ALTER TABLE shift ALTER COLUMN start_at SET NOT NULL;
ALTER TABLE shift ALTER COLUMN end_at SET NOT NULL;
DROP INDEX shift_once_per_slot;
CREATE UNIQUE INDEX shift_once_per_permanence ON shift (person_id, permanence_id) WHERE status = 'assigned';
CREATE INDEX shift_permanence ON shift (permanence_id);
CREATE INDEX shift_person_time ON shift (person_id, start_at) WHERE status = 'assigned';

-- Roster: when a person can usually staff a permanence (weekly windows, local time of the place), the months they
-- are away every year, and the themes (offers' theme codes) they can help with. No name, no contact: the directory
-- keeps those.
CREATE TABLE staff_roster (
    person_id        uuid PRIMARY KEY,
    partner_id       uuid NOT NULL,
    themes           text[] NOT NULL DEFAULT '{}',
    excluded_months  smallint[] NOT NULL DEFAULT '{}',
    version          bigint NOT NULL DEFAULT 1,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE staff_availability (
    person_id   uuid NOT NULL REFERENCES staff_roster (person_id) ON DELETE CASCADE,
    day_of_week smallint NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),  -- ISO: 1 = Monday
    start_time  time NOT NULL,
    end_time    time NOT NULL CHECK (end_time > start_time),
    PRIMARY KEY (person_id, day_of_week, start_time)
);

-- Absences of a person and closures of a place, for whole days (from_date..to_date inclusive, local dates).
CREATE TABLE absence (
    id           uuid PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('person', 'place')),
    person_id    uuid,
    place_id     uuid,
    partner_id   uuid NOT NULL,            -- the organisation that declared it (a place closure applies to its slots)
    from_date    date NOT NULL,
    to_date      date NOT NULL CHECK (to_date >= from_date),
    reason       text,
    declared_by  text NOT NULL,            -- caller's role: volunteer, agent, partner-app, admin
    status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    withdrawn_at timestamptz,
    CHECK ((kind = 'person' AND person_id IS NOT NULL AND place_id IS NULL)
        OR (kind = 'place' AND place_id IS NOT NULL AND person_id IS NULL))
);
CREATE INDEX absence_person ON absence (person_id, from_date) WHERE status = 'active';
CREATE INDEX absence_place ON absence (place_id, from_date) WHERE status = 'active';

-- A slot closed by a closure or an absence: not bookable any more, whatever the offers service plans again.
ALTER TABLE slot ADD COLUMN closure_id uuid;
ALTER TABLE slot ADD COLUMN closure_reason text;

-- Asking available people to staff a permanence: one request per person; the first acceptance becomes the shift,
-- the other pending requests become 'covered'. The answer link's token is stored hashed (SHA-256, hex).
CREATE TABLE staffing_request (
    id             uuid PRIMARY KEY,
    permanence_id  uuid NOT NULL,
    partner_id     uuid NOT NULL,
    person_id      uuid NOT NULL,
    status         text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'covered', 'cancelled')),
    token_hash     text NOT NULL UNIQUE,
    shift_id       uuid,
    version        bigint NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    answered_at    timestamptz,
    expires_at     timestamptz NOT NULL
);
CREATE UNIQUE INDEX staffing_request_once ON staffing_request (permanence_id, person_id) WHERE status = 'pending';
CREATE INDEX staffing_request_person ON staffing_request (person_id, status);

-- A person's secret calendar address (shifts as iCalendar, for a phone to subscribe to): token stored hashed,
-- revocable; at most one active link per person (a new one revokes the previous).
CREATE TABLE calendar_link (
    id            uuid PRIMARY KEY,
    person_id     uuid NOT NULL,
    token_hash    text NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
CREATE UNIQUE INDEX calendar_link_active ON calendar_link (person_id) WHERE revoked_at IS NULL;
