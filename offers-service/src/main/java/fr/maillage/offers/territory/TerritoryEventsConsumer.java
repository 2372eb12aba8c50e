package fr.maillage.offers.territory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import fr.maillage.offers.domain.Coded;
import fr.maillage.offers.domain.Theme;
import fr.maillage.offers.events.Topics;
import fr.maillage.platform.events.ConsumedEvent;
import fr.maillage.platform.events.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The read model of the territory indicators (issue 20, tables of V5__territory.sql) from booking.bookings.v1 and
 * booking.referrals.v1, through the platform's IdempotentConsumer (schema check, processed_event: a redelivered event
 * counts once; poison to offers.dlq.v1). Only ids, theme codes, INSEE codes, dates and statuses are read: the sealed
 * contact is never opened, names and notes are not in these events, and nothing else is stored.
 *
 * <p>Per booking, the row keeps its current state (status, slot start, place, commune) and the first time each step
 * happened (first confirmed or waitlisted = the demand, first confirmation, put on a waiting list, cancelled), in local
 * days (Europe/Paris). The version guard is the row's own ({@code version}, older events change nothing): the
 * platform's per-aggregate guard would also apply to BookingRefused, whose aggregate is the slot and whose versions
 * are not ordered between two refusals.
 */
@ApplicationScoped
public class TerritoryEventsConsumer {
    private static final Logger LOG = Logger.getLogger(TerritoryEventsConsumer.class);
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Pattern INSEE = Pattern.compile("[0-9]{5}|2[AB][0-9]{3}");
    private static final List<String> REFERRAL_STATUSES = List.of("sent", "received", "attended", "no_show", "redirected",
            "no_longer_needed");

    private final IdempotentConsumer incoming;
    private final EntityManager em;

    TerritoryEventsConsumer(IdempotentConsumer incoming, EntityManager em) {
        this.incoming = incoming;
        this.em = em;
    }

    @Incoming("booking-bookings")
    @Blocking
    public void bookings(String payload, IncomingKafkaRecordMetadata<?, ?> record) {
        incoming.consume(Topics.BOOKING_BOOKINGS, payload, record, this::booking, false);
    }

    @Incoming("booking-referrals")
    @Blocking
    public void referrals(String payload, IncomingKafkaRecordMetadata<?, ?> record) {
        incoming.consume(Topics.BOOKING_REFERRALS, payload, record, this::referral, false);
    }

    void booking(ConsumedEvent event) {
        JsonNode data = event.data();
        OffsetDateTime start = OffsetDateTime.parse(data.get("start").asText());
        if ("BookingRefused".equals(event.type())) {
            em.createNativeQuery("""
                    INSERT INTO territory_booking (id, refused, slot_id, offer_id, place_id, partner_id, theme,
                        residence_insee, place_insee, status, slot_start, start_day, demand_day, version)
                    VALUES (:id, true, CAST(:slot AS uuid), CAST(:offer AS uuid), CAST(:place AS uuid), CAST(:partner AS uuid), CAST(:theme AS text), CAST(:residence AS text),
                        (SELECT insee_code FROM place_ref WHERE id = CAST(:place AS uuid)), 'refused', :start, :startDay, :day, :version)
                    ON CONFLICT (id) DO NOTHING""")
                    .setParameter("id", event.eventId())
                    .setParameter("slot", uuid(data, "slotId"))
                    .setParameter("offer", uuid(data, "offerId"))
                    .setParameter("place", uuid(data, "placeId"))
                    .setParameter("partner", uuid(data, "partnerId"))
                    .setParameter("theme", theme(data.path("theme")))
                    .setParameter("residence", insee(data.path("residenceInsee")))
                    .setParameter("start", start)
                    .setParameter("startDay", day(start))
                    .setParameter("day", day(event.occurredAt()))
                    .setParameter("version", event.version())
                    .executeUpdate();
            return;
        }
        UUID id = uuid(data, "id");
        List<?> applied = em.createNativeQuery("""
                INSERT INTO territory_booking AS t (id, slot_id, offer_id, place_id, partner_id, theme, residence_insee,
                    place_insee, status, slot_start, start_day, version)
                VALUES (:id, CAST(:slot AS uuid), CAST(:offer AS uuid), CAST(:place AS uuid), CAST(:partner AS uuid), CAST(:theme AS text), CAST(:residence AS text),
                    (SELECT insee_code FROM place_ref WHERE id = CAST(:place AS uuid)), :status, :start, :startDay, :version)
                ON CONFLICT (id) DO UPDATE SET slot_id = EXCLUDED.slot_id,
                    offer_id = coalesce(EXCLUDED.offer_id, t.offer_id), place_id = coalesce(EXCLUDED.place_id, t.place_id),
                    partner_id = coalesce(EXCLUDED.partner_id, t.partner_id), theme = coalesce(EXCLUDED.theme, t.theme),
                    residence_insee = coalesce(EXCLUDED.residence_insee, t.residence_insee),
                    place_insee = coalesce(EXCLUDED.place_insee, t.place_insee), status = EXCLUDED.status,
                    slot_start = EXCLUDED.slot_start, start_day = EXCLUDED.start_day, version = EXCLUDED.version,
                    updated_at = now()
                WHERE t.version <= EXCLUDED.version
                RETURNING id""")
                .setParameter("id", id)
                .setParameter("slot", uuid(data, "slotId"))
                .setParameter("offer", uuid(data, "offerId"))
                .setParameter("place", uuid(data, "placeId"))
                .setParameter("partner", uuid(data, "partnerId"))
                .setParameter("theme", theme(data.path("theme")))
                // kept when booking anonymises (residenceInsee null then): the commune alone identifies nobody here
                .setParameter("residence", insee(data.path("residenceInsee")))
                .setParameter("status", data.get("status").asText())
                .setParameter("start", start)
                .setParameter("startDay", day(start))
                .setParameter("version", event.version())
                .getResultList();
        if (applied.isEmpty()) {
            LOG.debugf("%s v%d of booking %s older than the read model's: skipped", event.type(), event.version(), id);
            return;
        }
        String step = switch (event.type()) {
            case "BookingConfirmed" -> "demand_day = coalesce(demand_day, :day), confirmed_at = coalesce(confirmed_at, :at),"
                    + " confirmed_day = coalesce(confirmed_day, :day)";
            case "BookingWaitlisted" -> "demand_day = coalesce(demand_day, :day), waitlisted_at = coalesce(waitlisted_at, :at)";
            case "BookingPromoted" -> "confirmed_at = coalesce(confirmed_at, :at), confirmed_day = coalesce(confirmed_day, :day)";
            case "BookingCancelled" -> "cancelled_at = coalesce(cancelled_at, :at), cancelled_day = coalesce(cancelled_day, :day)";
            case "BookingAttended" -> "attendance = 'attended'";
            case "BookingNoShow" -> "attendance = 'no_show'";
            default -> null;
        };
        if (step == null) {
            return;
        }
        var update = em.createNativeQuery("UPDATE territory_booking SET " + step + " WHERE id = :id").setParameter("id", id);
        if (step.contains(":at")) {
            update.setParameter("at", event.occurredAt());
        }
        if (step.contains(":day")) {
            update.setParameter("day", day(event.occurredAt()));
        }
        update.executeUpdate();
    }

    void referral(ConsumedEvent event) {
        JsonNode data = event.data();
        String status = data.get("status").asText();
        if (!REFERRAL_STATUSES.contains(status)) {
            LOG.debugf("Referral %s with status %s not counted", event.aggregateId(), status);
            return;
        }
        em.createNativeQuery("""
                INSERT INTO territory_referral AS r (id, need, residence_insee, target_offer_id, target_insee, created_day,
                    outcome, version)
                VALUES (:id, CAST(:need AS text), CAST(:residence AS text), CAST(:offer AS uuid),
                    (SELECT p.insee_code FROM offer o JOIN place_ref p ON p.id = o.place_id WHERE o.id = CAST(:offer AS uuid)),
                    :created, :outcome, :version)
                ON CONFLICT (id) DO UPDATE SET outcome = EXCLUDED.outcome,
                    residence_insee = coalesce(EXCLUDED.residence_insee, r.residence_insee),
                    target_insee = coalesce(r.target_insee, EXCLUDED.target_insee), version = EXCLUDED.version,
                    updated_at = now()
                WHERE r.version <= EXCLUDED.version""")
                .setParameter("id", uuid(data, "id"))
                .setParameter("need", theme(data.path("need")))
                .setParameter("residence", insee(data.path("residenceInsee")))
                .setParameter("offer", uuid(data, "targetOfferId"))
                .setParameter("created", day(OffsetDateTime.parse(data.get("createdAt").asText())))
                .setParameter("outcome", status)
                .setParameter("version", event.version())
                .executeUpdate();
    }

    static LocalDate day(OffsetDateTime at) {
        return at.atZoneSameInstant(PARIS).toLocalDate();
    }

    private static UUID uuid(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : UUID.fromString(value.asText());
    }

    /** A known theme code, else null: the read model never holds free text. */
    static String theme(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        return Coded.parse(Theme.class, value.asText().strip()).map(Theme::code).orElse(null);
    }

    private static String insee(JsonNode value) {
        return value != null && value.isTextual() && INSEE.matcher(value.asText()).matches() ? value.asText() : null;
    }
}
