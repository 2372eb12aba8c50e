-- Issue 20: the read model of the territory indicators, fed by booking.bookings.v1 and booking.referrals.v1
-- (events.TerritoryEventsConsumer). Anonymous by construction: ids, offer / place, communes (INSEE codes), theme
-- codes, dates, statuses and outcomes; never a name, phone, e-mail, note, free-text need or token.
-- Dates are local days (Europe/Paris), computed once when the event is applied, so that the queries filter on plain
-- date columns through the (commune, day) indexes below.

-- One row per booking, or per refusal because full (BookingRefused: id = the event id, refused = true).
CREATE TABLE territory_booking (
    id               uuid PRIMARY KEY,
    refused          boolean NOT NULL DEFAULT false,
    slot_id          uuid NOT NULL,
    offer_id         uuid,
    place_id         uuid,
    partner_id       uuid,
    -- the need's theme code (a known offers Theme; null when absent from the event or not a theme code)
    theme            text,
    -- where the person lives (as they declared it), else null; kept when booking anonymises the booking (statistics)
    residence_insee  text,
    -- the commune of the booked place (place_ref.insee_code when the event was applied)
    place_insee      text,
    -- the commune the figures belong to: the residence when given, else the place's
    commune_code     text GENERATED ALWAYS AS (coalesce(residence_insee, place_insee)) STORED,
    status           text NOT NULL,
    slot_start       timestamptz NOT NULL,
    start_day        date NOT NULL,
    -- first confirmed or waitlisted (or refused): what counts as a booking request
    demand_day       date,
    confirmed_at     timestamptz,
    confirmed_day    date,
    waitlisted_at    timestamptz,
    cancelled_at     timestamptz,
    cancelled_day    date,
    -- attended | no_show (last recorded; correctable)
    attendance       text,
    version          bigint NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
-- Per commune and day, one index per date the indicators count on (a query ORs them: BitmapOr of three index scans).
CREATE INDEX territory_booking_demand ON territory_booking (commune_code, demand_day) WHERE demand_day IS NOT NULL;
CREATE INDEX territory_booking_start ON territory_booking (commune_code, start_day);
CREATE INDEX territory_booking_cancelled ON territory_booking (commune_code, cancelled_day) WHERE cancelled_day IS NOT NULL;

-- One row per referral (booking.referrals.v1).
CREATE TABLE territory_referral (
    id               uuid PRIMARY KEY,
    need             text,
    residence_insee  text,
    target_offer_id  uuid,
    -- the commune of the target offer's main place (offer -> place_ref) when the event was applied
    target_insee     text,
    commune_code     text GENERATED ALWAYS AS (coalesce(residence_insee, target_insee)) STORED,
    created_day      date NOT NULL,
    -- the current outcome: sent (none recorded yet), received, attended, no_show, redirected, no_longer_needed
    outcome          text NOT NULL,
    version          bigint NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX territory_referral_commune_day ON territory_referral (commune_code, created_day);

-- Fill rates: sessions of the places of a territory's communes over a period.
CREATE INDEX IF NOT EXISTS place_ref_insee ON place_ref (insee_code);
CREATE INDEX IF NOT EXISTS session_place_start ON session (place_id, start_at);
