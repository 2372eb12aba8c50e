package fr.maillage.offers.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.offers.config.OffersConfig;
import fr.maillage.offers.domain.Offer;
import fr.maillage.offers.domain.OfferStatus;
import fr.maillage.offers.domain.PlaceRef;
import fr.maillage.offers.domain.Schedule;
import fr.maillage.offers.domain.SchedulePlanner;
import fr.maillage.offers.domain.Session;
import fr.maillage.offers.events.OfferEventData;
import fr.maillage.offers.events.Topics;
import fr.maillage.platform.events.Outbox;
import fr.maillage.platform.territory.Territories;
import fr.maillage.offers.events.SessionEventData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Keeps an offer's future sessions in line with its schedule and status, in the caller's transaction,
 * and records the matching events: SessionPlanned for a new (or revived) session, SessionChanged when
 * what booking knows of it changed (time, capacity, place, offer title...), SessionCancelled for a
 * future session that is no longer wanted. Sessions that already started are never touched.
 */
@ApplicationScoped
public class PlanningService {
    private final EntityManager em;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final OffersConfig config;

    PlanningService(EntityManager em, Outbox outbox, ObjectMapper mapper, OffersConfig config) {
        this.em = em;
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config;
    }

    public Schedule schedule(Offer offer) {
        try {
            return mapper.readValue(offer.schedule, Schedule.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored schedule of offer " + offer.id + " is unreadable", e);
        }
    }

    public String scheduleJson(Schedule schedule) {
        try {
            return mapper.writeValueAsString(schedule);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public LocalDate horizonEnd() {
        return LocalDate.now(SchedulePlanner.PARIS).plus(config.planning().horizon());
    }

    /** End of the materialised window for an offer: at least its max booking delay, never beyond the horizon. */
    public Instant windowEnd(Instant now, int maxDelayDays) {
        Instant window = now.atZone(SchedulePlanner.PARIS).plus(config.planning().window()).toInstant();
        Instant delay = now.atZone(SchedulePlanner.PARIS).plusDays(maxDelayDays + 1L).toInstant();
        Instant horizon = horizonEnd().atStartOfDay(SchedulePlanner.PARIS).toInstant();
        Instant end = window.isAfter(delay) ? window : delay;
        return end.isAfter(horizon) ? horizon : end;
    }

    public List<SchedulePlanner.Slot> plan(Offer offer, Schedule schedule, Instant now) {
        Map<UUID, String> insee = new HashMap<>();
        return SchedulePlanner.plan(new SchedulePlanner.Plan(offer.id, offer.typeEnum(), offer.capacity,
                offer.sessionDurationMinutes, offer.placeId, schedule, id -> insee.computeIfAbsent(id, PlanningService::inseeOf)),
                now, windowEnd(now, offer.maxDelayDays), config.planning().maxSessionsPerOffer());
    }

    /** The INSEE code of a place of the read model (null when unknown: planned in Europe/Paris). */
    static String inseeOf(UUID placeId) {
        PlaceRef p = PlaceRef.findById(placeId);
        return p == null ? null : p.inseeCode;
    }

    /** The time zone of a place (issue 21): its territory's, Europe/Paris when unknown. */
    public static ZoneId zoneOf(PlaceRef place) {
        return Territories.zoneOf(place == null ? null : place.inseeCode);
    }

    public OfferEventData offerData(Offer offer) {
        return new OfferEventData(offer.id, offer.partnerId, offer.placeId, placeIds(offer.id), offer.title, offer.type,
                offer.themes, offer.publics, offer.modality, offer.status, offer.capacity, offer.sessionDurationMinutes,
                offer.servedCommunes, offer.staffIds, offer.bookingRules());
    }

    public void recordOfferEvent(Offer offer, String type) {
        outbox.record(Topics.OFFERS, type, offer.id, offer.version, offerData(offer));
    }

    @SuppressWarnings("unchecked")
    public List<UUID> placeIds(UUID offerId) {
        return em.createNativeQuery("SELECT place_id FROM offer_place WHERE offer_id = :id ORDER BY place_id", UUID.class)
                .setParameter("id", offerId).getResultList();
    }

    /**
     * Re-plans the future sessions of a (locked) offer.
     *
     * @param cancelReason French reason given to sessions this re-plan cancels
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replan(Offer offer, String cancelReason) {
        Instant now = Instant.now();
        OffsetDateTime nowUtc = now.atOffset(ZoneOffset.UTC);
        List<SchedulePlanner.Slot> desired = offer.statusEnum() == OfferStatus.PUBLISHED ? plan(offer, schedule(offer), now)
                : List.of();
        Map<UUID, Session> existing = Session.<Session>list("offerId = ?1 and startAt >= ?2", offer.id, nowUtc).stream()
                .collect(Collectors.toMap(s -> s.id, Function.identity()));
        Map<UUID, PlaceRef> places = new HashMap<>();
        Function<UUID, PlaceRef> place = id -> places.computeIfAbsent(id, k -> PlaceRef.findById(k));
        for (SchedulePlanner.Slot slot : desired) {
            Session s = existing.remove(slot.id());
            boolean isNew = s == null;
            if (isNew) {
                s = new Session();
                s.id = slot.id();
                s.offerId = offer.id;
                s.version = 0;
            }
            boolean wasPlanned = !isNew && Session.PLANNED.equals(s.status);
            s.placeId = slot.placeId();
            s.startAt = slot.start().toOffsetDateTime();
            s.endAt = slot.end().toOffsetDateTime();
            s.capacity = slot.capacity();
            s.status = Session.PLANNED;
            s.cancelReason = null;
            SessionEventData data = sessionData(offer, s, place.apply(s.placeId));
            String fingerprint = fingerprint(data);
            if (wasPlanned && fingerprint.equals(s.fingerprint)) {
                continue;
            }
            s.fingerprint = fingerprint;
            s.version++;
            s.updatedAt = nowUtc;
            if (isNew) {
                s.persist();
            }
            outbox.record(Topics.SESSIONS, wasPlanned ? "SessionChanged" : "SessionPlanned", s.id, s.version, data);
        }
        for (Session s : existing.values()) {
            if (!Session.PLANNED.equals(s.status)) {
                continue;
            }
            s.status = Session.CANCELLED;
            s.cancelReason = cancelReason;
            s.version++;
            s.updatedAt = nowUtc;
            SessionEventData data = sessionData(offer, s, place.apply(s.placeId));
            s.fingerprint = fingerprint(data);
            outbox.record(Topics.SESSIONS, "SessionCancelled", s.id, s.version, data);
        }
        offer.plannedUntil = offer.statusEnum() == OfferStatus.PUBLISHED
                ? windowEnd(now, offer.maxDelayDays).atOffset(ZoneOffset.UTC)
                : null;
        em.flush();
    }

    private static SessionEventData sessionData(Offer offer, Session s, PlaceRef p) {
        ZoneId zone = zoneOf(p);
        return new SessionEventData(s.id, offer.id, offer.partnerId, s.placeId,
                s.startAt.atZoneSameInstant(zone).toOffsetDateTime(),
                s.endAt.atZoneSameInstant(zone).toOffsetDateTime(), zone.getId(), s.capacity, s.status, s.cancelReason,
                new SessionEventData.OfferPart(offer.title, offer.type, offer.themes),
                p == null ? new SessionEventData.PlacePart(null, null, null, null, null, null)
                        : new SessionEventData.PlacePart(p.name, p.street, p.postalCode, p.commune, p.inseeCode, p.phone),
                offer.staffIds, offer.bookingRules());
    }

    private String fingerprint(SessionEventData data) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsString(data)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
