-- Issue 7: every receipt knows the organisations it concerns, so a partner app or an agent sees only
-- their own. booking.bookings.v1 carries bookerOrg (the organisation that booked: partner app or agent)
-- and partnerId (the partner hosting the slot); events published before they existed lack them: NULL,
-- such rows are visible to administrators only (and are filled in when a later event of the booking
-- carries them).
ALTER TABLE notification ADD COLUMN booker_org uuid;
ALTER TABLE notification ADD COLUMN partner_id uuid;
CREATE INDEX notification_booker_org ON notification (booker_org) WHERE booker_org IS NOT NULL;
CREATE INDEX notification_partner ON notification (partner_id) WHERE partner_id IS NOT NULL;
-- A volunteer's shift messages belong to the volunteer's partner (directory.people.v1 partnerId).
ALTER TABLE person_ref ADD COLUMN partner_id uuid;
