-- Issue 17: bookings confirmed by a code sent to the person (public site), and the person's commune of residence.
--
-- A 'pending' booking holds its seat (or its place in the queue) exactly like a confirmed one: it went through the
-- same conditional UPDATE of the slot's counters (pending_outcome says which counter it holds), so the capacity
-- guarantee is unchanged. It becomes pending_outcome once the code is typed, or 'expired' (its seat or place given
-- back) when the hold ends or the third wrong code is typed.
ALTER TABLE booking DROP CONSTRAINT booking_status_check;
ALTER TABLE booking ADD CONSTRAINT booking_status_check CHECK (status IN ('confirmed', 'waitlisted', 'pending',
    'expired', 'cancelled_by_citizen', 'cancelled_by_service', 'attended', 'no_show'));

ALTER TABLE booking ADD COLUMN pending_outcome text CHECK (pending_outcome IN ('confirmed', 'waitlisted'));
ALTER TABLE booking ADD COLUMN hold_expires_at timestamptz;
-- HMAC-SHA256 (the contact-hash key) of the booking id and the code: a 6-digit code under a plain hash would be
-- reversed by trying the million values. Null once verified or expired.
ALTER TABLE booking ADD COLUMN code_hash text;
ALTER TABLE booking ADD COLUMN code_attempts_left int CHECK (code_attempts_left >= 0);
-- The verified caller (token subject) that created the booking: only it may verify the code or ask for another one.
ALTER TABLE booking ADD COLUMN creator_subject text;
-- The INSEE code of the commune where the person lives (optional; territory statistics, issue 20).
ALTER TABLE booking ADD COLUMN residence_insee text CHECK (residence_insee ~ '^([0-9]{5}|2[AB][0-9]{3})$');
ALTER TABLE booking ADD CONSTRAINT booking_pending_holds
    CHECK (status <> 'pending' OR (pending_outcome IS NOT NULL AND hold_expires_at IS NOT NULL));

-- One active booking per person and slot: a pending one counts (the same person cannot hold two seats meanwhile).
DROP INDEX booking_one_per_phone;
DROP INDEX booking_one_per_email;
CREATE UNIQUE INDEX booking_one_per_phone ON booking (slot_id, phone_hash)
    WHERE status IN ('confirmed', 'waitlisted', 'pending') AND phone_hash IS NOT NULL;
CREATE UNIQUE INDEX booking_one_per_email ON booking (slot_id, email_hash)
    WHERE status IN ('confirmed', 'waitlisted', 'pending') AND email_hash IS NOT NULL;
-- The sweep of expired holds.
CREATE INDEX booking_pending_hold ON booking (hold_expires_at) WHERE status = 'pending';

-- Codes sent per contact (keyed contact hash): the per-phone / per-e-mail limit survives restarts and holds across
-- replicas. Rows older than the window are deleted by the sweep.
CREATE TABLE verification_code_sent (
    contact_hash  text NOT NULL,
    sent_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX verification_code_sent_contact ON verification_code_sent (contact_hash, sent_at);
