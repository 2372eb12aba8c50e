-- Issue 18: the France Services / mairie desk.
--
-- 1. An agent may book for someone with no mobile phone and no e-mail (the slip printed at the desk is the
--    confirmation; a landline gets voice reminders): a booking no longer needs a contact. Who may book without one is
--    the service's rule (role agent only, never the public site), not the table's.
ALTER TABLE booking DROP CONSTRAINT booking_has_contact;

-- 2. Read model of directory.partners.v1: the structures a referral may be sent to. Only the id, whether the partner
--    is still in the directory, and the source version (older events change nothing). No name, no contact.
CREATE TABLE directory_partner (
    id              uuid PRIMARY KEY,
    active          boolean NOT NULL,
    source_version  bigint NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- 3. Referrals (orientations): a structure sends a person to another one for a need, with or without a booking; the
--    receiving structure records what came of it. The person's data (names, phone, e-mail, commune, notes) is erased
--    on the bookings' RGPD schedule (maillage.rgpd.retention-months after the last change); the row stays, without
--    anyone in it, for the territory's statistics.
CREATE TABLE referral (
    id                 uuid PRIMARY KEY,
    status             text NOT NULL CHECK (status IN ('sent', 'received', 'attended', 'no_show', 'redirected',
                           'no_longer_needed')),
    need               text NOT NULL CHECK (char_length(need) <= 100),
    from_partner_id    uuid NOT NULL,
    target_partner_id  uuid NOT NULL,
    target_offer_id    uuid,
    booking_id         uuid,
    first_name         text CHECK (char_length(first_name) <= 100),
    last_name          text CHECK (char_length(last_name) <= 100),
    phone              text,
    email              text,
    residence_insee    text CHECK (residence_insee ~ '^([0-9]{5}|2[AB][0-9]{3})$'),
    note               text CHECK (char_length(note) <= 500),
    version            bigint NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    anonymised_at      timestamptz,
    CONSTRAINT referral_elsewhere CHECK (from_partner_id <> target_partner_id),
    CONSTRAINT referral_has_person CHECK (anonymised_at IS NOT NULL OR first_name IS NOT NULL)
);
CREATE INDEX referral_outgoing ON referral (from_partner_id, created_at DESC);
CREATE INDEX referral_incoming ON referral (target_partner_id, created_at DESC);
CREATE INDEX referral_to_anonymise ON referral (updated_at) WHERE anonymised_at IS NULL;

CREATE TABLE referral_outcome (
    id           bigserial PRIMARY KEY,
    referral_id  uuid NOT NULL REFERENCES referral (id),
    outcome      text NOT NULL CHECK (outcome IN ('received', 'attended', 'no_show', 'redirected', 'no_longer_needed')),
    note         text CHECK (char_length(note) <= 500),
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_outcome_of ON referral_outcome (referral_id, id);
