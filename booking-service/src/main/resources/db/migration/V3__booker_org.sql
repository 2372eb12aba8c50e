-- The organisation (partner id, from the caller's token) on whose behalf a booking was made. With the
-- slot's partner (the host structure) it decides who may read and change the booking. Bookings made
-- before tokens only knew the partner id declared by a partner app: it is the best available answer.
ALTER TABLE booking ADD COLUMN booker_org uuid;
UPDATE booking SET booker_org = partner_id WHERE booker_org IS NULL AND partner_id IS NOT NULL;
CREATE INDEX booking_booker_org ON booking (booker_org);
-- Organisation-scoped lists join the slot on its partner.
CREATE INDEX slot_partner ON slot (partner_id);
