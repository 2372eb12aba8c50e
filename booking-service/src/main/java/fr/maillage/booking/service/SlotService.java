package fr.maillage.booking.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.BookingStatus;
import fr.maillage.booking.domain.Shift;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.events.BookingEvents;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The slot inventory: applies offers.sessions.v1 and answers slot queries. */
@ApplicationScoped
public class SlotService {
    private static final Logger LOG = Logger.getLogger(SlotService.class);
    static final String DEFAULT_CANCEL_REASON = "Séance annulée par la structure";

    private final EntityManager em;
    private final SlotStore store;
    private final WaitingList waitingList;
    private final BookingEvents events;
    private final ClosuresOnArrival closures;
    private final ShiftService shifts;

    SlotService(EntityManager em, SlotStore store, WaitingList waitingList, BookingEvents events,
            ClosuresOnArrival closures, ShiftService shifts) {
        this.em = em;
        this.shifts = shifts;
        this.closures = closures;
        this.store = store;
        this.waitingList = waitingList;
        this.events = events;
    }

    private record Previous(OffsetDateTime start, OffsetDateTime end, String status, long sourceVersion) {
    }

    /**
     * Applies one session event. An event older than (or as old as) what the slot already reflects
     * is ignored, so a redelivered or reordered event never overwrites a newer state.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String type, long version, JsonNode data) {
        UUID id = UUID.fromString(data.get("id").asText());
        Session session = em.unwrap(Session.class);
        Previous previous = session.doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT start_at, end_at, status, source_version FROM slot WHERE id = ? FOR UPDATE")) {
                select.setObject(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? new Previous(row.getObject(1, OffsetDateTime.class),
                            row.getObject(2, OffsetDateTime.class), row.getString(3), row.getLong(4)) : null;
                }
            }
        });
        if (previous != null && previous.sourceVersion() >= version) {
            LOG.debugf("Session %s version %d already reflected (at %d), ignored", id, version, previous.sourceVersion());
            return;
        }
        boolean cancelled = "SessionCancelled".equals(type) || Slot.CANCELLED.equals(data.path("status").asText());
        upsert(session, id, version, data, cancelled);
        Slot slot = em.find(Slot.class, id);
        em.refresh(slot);
        if (cancelled) {
            if (previous == null || !Slot.CANCELLED.equals(previous.status())) {
                cancelEverything(slot);
            } else {
                store.announce(id);
            }
            return;
        }
        if (previous == null && closures.closeIfCovered(slot)) {
            return; // issue 19: planned inside an active closure or absence, closed on arrival (and published so)
        }
        if (previous != null && (!previous.start().isEqual(slot.start) || !previous.end().isEqual(slot.end))) {
            tellMoved(slot, previous.start());
        }
        waitingList.promote(slot);
        store.announce(id);
    }

    private void upsert(Session session, UUID id, long version, JsonNode d, boolean cancelled) {
        JsonNode offer = d.get("offer");
        JsonNode place = d.get("place");
        JsonNode rules = d.get("bookingRules");
        session.doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO slot (id, offer_id, partner_id, place_id, start_at, end_at, capacity, status, cancel_reason,
                        offer_title, offer_type, offer_themes, place_name, place_street, place_postal_code, place_commune,
                        place_insee_code, place_phone, staff_ids, allowed_bookers, min_delay_minutes, max_delay_days,
                        cancel_until_minutes, reschedule_until_minutes, waiting_list, reminder_offsets, source_version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET offer_id = excluded.offer_id, partner_id = excluded.partner_id,
                        place_id = excluded.place_id, start_at = excluded.start_at, end_at = excluded.end_at,
                        -- seats already given are never taken back: a lowered capacity stops at the confirmed count
                        capacity = GREATEST(excluded.capacity, slot.confirmed), status = excluded.status,
                        cancel_reason = excluded.cancel_reason, offer_title = excluded.offer_title,
                        offer_type = excluded.offer_type, offer_themes = excluded.offer_themes,
                        place_name = excluded.place_name, place_street = excluded.place_street,
                        place_postal_code = excluded.place_postal_code, place_commune = excluded.place_commune,
                        place_insee_code = excluded.place_insee_code, place_phone = excluded.place_phone,
                        staff_ids = excluded.staff_ids, allowed_bookers = excluded.allowed_bookers,
                        min_delay_minutes = excluded.min_delay_minutes, max_delay_days = excluded.max_delay_days,
                        cancel_until_minutes = excluded.cancel_until_minutes,
                        reschedule_until_minutes = excluded.reschedule_until_minutes,
                        waiting_list = excluded.waiting_list, reminder_offsets = excluded.reminder_offsets,
                        source_version = excluded.source_version, updated_at = now()""")) {
                int i = 1;
                upsert.setObject(i++, id);
                upsert.setObject(i++, UUID.fromString(d.get("offerId").asText()));
                upsert.setObject(i++, UUID.fromString(d.get("partnerId").asText()));
                upsert.setObject(i++, UUID.fromString(d.get("placeId").asText()));
                upsert.setObject(i++, OffsetDateTime.parse(d.get("start").asText()));
                upsert.setObject(i++, OffsetDateTime.parse(d.get("end").asText()));
                upsert.setInt(i++, d.get("capacity").asInt());
                upsert.setString(i++, cancelled ? Slot.CANCELLED : Slot.PLANNED);
                upsert.setString(i++, cancelled ? text(d, "cancelReason", DEFAULT_CANCEL_REASON) : null);
                upsert.setString(i++, offer.get("title").asText());
                upsert.setString(i++, text(offer, "type", null));
                upsert.setString(i++, Slot.join(strings(offer.path("themes"))));
                upsert.setString(i++, place.get("name").asText());
                upsert.setString(i++, text(place, "street", null));
                upsert.setString(i++, text(place, "postalCode", null));
                upsert.setString(i++, text(place, "commune", null));
                upsert.setString(i++, text(place, "inseeCode", null));
                upsert.setString(i++, text(place, "phone", null));
                upsert.setString(i++, Slot.join(strings(d.path("staffIds"))));
                upsert.setString(i++, Slot.join(strings(rules.get("allowedBookers"))));
                upsert.setInt(i++, rules.get("minDelayMinutes").asInt());
                upsert.setInt(i++, rules.get("maxDelayDays").asInt());
                upsert.setInt(i++, rules.get("cancelUntilMinutes").asInt());
                upsert.setInt(i++, rules.get("rescheduleUntilMinutes").asInt());
                upsert.setBoolean(i++, rules.get("waitingList").asBoolean());
                JsonNode offsets = rules.path("reminderOffsetsMinutes");
                upsert.setString(i++, offsets.isArray() ? Slot.join(reminderOffsets(id, strings(offsets))) : "2880,120");
                upsert.setLong(i, version);
                upsert.executeUpdate();
            }
        });
    }

    /** A cancelled session cancels its bookings (by the service, with the reason) and its shifts. */
    private void cancelEverything(Slot slot) {
        for (Booking booking : activeBookings(slot.id)) {
            booking.status = BookingStatus.CANCELLED_BY_SERVICE;
            booking.cancelReason = slot.cancelReason;
            booking.version++;
            booking.updatedAt = Times.now();
            events.booking("BookingCancelled", booking, slot);
        }
        // a booking still waiting for its code was never confirmed: it expires, nobody is written to
        for (Booking booking : Booking.<Booking>list("slotId = ?1 and status = ?2", slot.id, BookingStatus.PENDING)) {
            booking.status = BookingStatus.EXPIRED;
            VerificationService.forget(booking);
            booking.version++;
            events.booking(VerificationService.EXPIRED_EVENT, booking, slot);
        }
        store.clear(slot.id);
        shifts.slotCancelled(slot); // issue 19: a shift covers a permanence, cancelled with its last slot
    }

    /** The session moved: people booked and staff are told (BookingRescheduled / ShiftChanged). */
    private void tellMoved(Slot slot, OffsetDateTime previousStart) {
        for (Booking booking : activeBookings(slot.id)) {
            booking.previousStart = previousStart;
            booking.version++;
            booking.updatedAt = Times.now();
            events.booking("BookingRescheduled", booking, slot);
        }
        shifts.slotMoved(slot); // issue 19: the shifts of its permanence take the permanence's new bounds
    }

    private List<Booking> activeBookings(UUID slotId) {
        return Booking.list("slotId = ?1 and status in ?2", Sort.by("queueSeq"), slotId, BookingStatus.ACTIVE);
    }

    public Slot find(UUID id) {
        return em.find(Slot.class, id);
    }

    public record SlotPage(List<Slot> items, long total) {
    }

    public SlotPage search(UUID offerId, UUID placeId, OffsetDateTime from, OffsetDateTime to, boolean availableOnly,
            int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (offerId != null) {
            query.append(" and offerId = :offerId");
            params.put("offerId", offerId);
        }
        if (placeId != null) {
            query.append(" and placeId = :placeId");
            params.put("placeId", placeId);
        }
        if (from != null) {
            query.append(" and start >= :from");
            params.put("from", from);
        }
        if (to != null) {
            query.append(" and start < :to");
            params.put("to", to);
        }
        if (availableOnly) {
            query.append(" and status = 'planned' and closureId is null and confirmed < capacity and start > :now");
            params.put("now", Times.now());
        }
        var found = Slot.<Slot>find(query.toString(), Sort.by("start").and("id"), params);
        return new SlotPage(found.page(Page.of(page, size)).list(), found.count());
    }

    /** The next bookable slots of an offer, offered when the asked one is full. */
    public List<Slot> nextAvailable(UUID offerId, int limit) {
        return Slot.<Slot>find("offerId = ?1 and status = 'planned' and closureId is null and confirmed < capacity and start > ?2",
                Sort.by("start").and("id"), offerId, Times.now()).page(0, limit).list();
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    /**
     * At most {@value Slot#MAX_REMINDER_OFFSETS} reminders per booking, whatever a session event says (offers-service
     * refuses more; this keeps one booking from ever queueing a flood of messages), the first ones given.
     */
    private static List<String> reminderOffsets(UUID slotId, List<String> offsets) {
        if (offsets.size() <= Slot.MAX_REMINDER_OFFSETS) {
            return offsets;
        }
        LOG.warnf("Session %s names %d reminder offsets: only the first %d are kept", slotId, offsets.size(),
                Slot.MAX_REMINDER_OFFSETS);
        return offsets.subList(0, Slot.MAX_REMINDER_OFFSETS);
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        // distinct: a list repeated by a producer is never multiplied here (staff, bookers, themes, reminders)
        return new ArrayList<>(StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).distinct().toList());
    }

}
