package fr.maillage.booking.service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import fr.maillage.booking.domain.Slot;

/** A slot row read with plain JDBC into a detached {@link Slot} (never managed by Hibernate). */
final class SlotRows {
    /** The columns of {@link #read}, in its order, for a query aliasing the slot table {@code s}. */
    static final String COLUMNS = "s.id, s.offer_id, s.partner_id, s.place_id, s.start_at, s.end_at, s.capacity, "
            + "s.confirmed, s.waitlisted, s.status, s.cancel_reason, s.offer_title, s.offer_type, s.offer_themes, "
            + "s.place_name, s.place_street, s.place_postal_code, s.place_commune, s.place_insee_code, s.place_phone, "
            + "s.staff_ids, s.allowed_bookers, s.min_delay_minutes, s.max_delay_days, s.cancel_until_minutes, "
            + "s.reschedule_until_minutes, s.waiting_list, s.reminder_offsets, s.source_version, s.event_version, s.closure_id, s.closure_reason";
    static final int COUNT = 32;

    private SlotRows() {
    }

    static Slot read(ResultSet row) throws SQLException {
        Slot s = new Slot();
        int i = 1;
        s.id = row.getObject(i++, UUID.class);
        s.offerId = row.getObject(i++, UUID.class);
        s.partnerId = row.getObject(i++, UUID.class);
        s.placeId = row.getObject(i++, UUID.class);
        s.start = row.getObject(i++, OffsetDateTime.class);
        s.end = row.getObject(i++, OffsetDateTime.class);
        s.capacity = row.getInt(i++);
        s.confirmed = row.getInt(i++);
        s.waitlisted = row.getInt(i++);
        s.status = row.getString(i++);
        s.cancelReason = row.getString(i++);
        s.offerTitle = row.getString(i++);
        s.offerType = row.getString(i++);
        s.offerThemes = row.getString(i++);
        s.placeName = row.getString(i++);
        s.placeStreet = row.getString(i++);
        s.placePostalCode = row.getString(i++);
        s.placeCommune = row.getString(i++);
        s.placeInseeCode = row.getString(i++);
        s.placePhone = row.getString(i++);
        s.staffIds = row.getString(i++);
        s.allowedBookers = row.getString(i++);
        s.minDelayMinutes = row.getInt(i++);
        s.maxDelayDays = row.getInt(i++);
        s.cancelUntilMinutes = row.getInt(i++);
        s.rescheduleUntilMinutes = row.getInt(i++);
        s.waitingList = row.getBoolean(i++);
        s.reminderOffsets = row.getString(i++);
        s.sourceVersion = row.getLong(i++);
        s.eventVersion = row.getLong(i++);
        s.closureId = row.getObject(i++, UUID.class);
        s.closureReason = row.getString(i);
        return s;
    }
}
