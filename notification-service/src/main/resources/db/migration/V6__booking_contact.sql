-- Issue 16 (items 7 and 11). One row per booking, from booking.bookings.v1:
--  - phone: the contact's number (E.164), so an agent or a partner app may opt out / look up only the numbers of the
--    bookings of their organisation (booker_org or partner_id);
--  - self_service_url: the self-service link, SEALED (platform SealedData, maillage.sealing.key). booking-service can
--    only put it in the events of the booking's creation (it keeps a hash of the token), so later messages
--    (promotion, change, reminders) take it from here.
-- Deleted when the booking is anonymised (BookingAnonymised) and after maillage.notification.retention without news.
CREATE TABLE booking_contact (
    booking_id        uuid PRIMARY KEY,
    phone             text,
    self_service_url  text,
    booker_org        uuid,
    partner_id        uuid,
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX booking_contact_phone ON booking_contact (phone) WHERE phone IS NOT NULL;
CREATE INDEX booking_contact_updated ON booking_contact (updated_at);
CREATE INDEX person_ref_phone ON person_ref (phone) WHERE phone IS NOT NULL;

-- The numbers already known from the messages planned before this version (SMS rows carry the E.164 number).
INSERT INTO booking_contact (booking_id, phone, booker_org, partner_id, updated_at)
SELECT DISTINCT ON (booking_id) booking_id, recipient, booker_org, partner_id, created_at
FROM notification
WHERE channel = 'sms' AND booking_id IS NOT NULL AND recipient LIKE '+%' AND anonymised_at IS NULL
ORDER BY booking_id, created_at DESC
ON CONFLICT (booking_id) DO NOTHING;
