package fr.maillage.notification.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.notification.config.WebhookConfig;
import fr.maillage.notification.domain.WebhookEventTypes;
import fr.maillage.notification.domain.WebhookSignature;
import fr.maillage.notification.events.ConsumedEvents.Booking;
import fr.maillage.notification.events.ConsumedEvents.Envelope;
import fr.maillage.notification.service.WebhookStore.Changes;
import fr.maillage.notification.service.WebhookStore.Delivery;
import fr.maillage.notification.service.WebhookStore.Subscription;
import fr.maillage.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Partner webhooks: subscriptions (owned by one partner; partner apps manage their own organisation's,
 * administrators any), and the fan-out of consumed Kafka events into webhook_delivery rows and the event feed
 * ({@link EventFeed}), in the consumer's transaction. Payloads carry identifiers, times, status and place — never a citizen's
 * name, phone or e-mail.
 */
@ApplicationScoped
public class Webhooks {
    private static final Logger LOG = Logger.getLogger(Webhooks.class);

    public record Page<T>(List<T> items, long total) {
    }

    private final WebhookStore store;
    private final WebhookConfig config;
    private final ObjectMapper mapper;
    private final AppClock clock;
    private final Caller caller;
    private final EventFeed feed;

    Webhooks(WebhookStore store, WebhookConfig config, ObjectMapper mapper, AppClock clock, Caller caller, EventFeed feed) {
        this.feed = feed;
        this.store = store;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
        this.caller = caller;
    }

    // --- subscriptions (REST, request context)

    /** Whose business a subscription is, as a 403 names it (« … application partenaire de la structure <id>. »). */
    public static String ofPartner(UUID partnerId) {
        return "de la structure " + partnerId;
    }

    /** How many subscriptions {@code partnerId} holds (the per-partner limit). */
    @Transactional
    public long count(UUID partnerId) {
        return store.count(partnerId);
    }

    /** A subscription just created, or the one an earlier attempt with the same Idempotency-Key created. */
    public record Created(Subscription subscription, boolean replayed) {
    }

    /**
     * A new subscription with a fresh secret (the only time, with rotation, the secret is returned). With an
     * {@code id} derived from an Idempotency-Key, a retry of the same request returns the first subscription, secret
     * included (the first answer may have been lost; only the same caller derives the same id); the same key for a
     * different subscription is refused.
     */
    @Transactional
    public Created create(UUID id, UUID partnerId, String url, List<String> eventTypes, String description) {
        caller.requireActsFor(ofPartner(partnerId), partnerId);
        UUID newId = id == null ? UUID.randomUUID() : id;
        Optional<Subscription> inserted = store.insert(newId, partnerId, url, eventTypes, description,
                WebhookSignature.newSecret());
        if (inserted.isEmpty()) {
            Subscription first = store.find(newId).orElseThrow(() -> new IdempotencyConflict(
                    "l'abonnement créé avec cette clé d'idempotence a été supprimé : choisissez une nouvelle clé."));
            if (!first.partnerId().equals(partnerId) || !first.url().equals(url)
                    || !Set.copyOf(first.eventTypes()).equals(Set.copyOf(eventTypes))) {
                throw new IdempotencyConflict("cette clé d'idempotence a déjà servi à créer un autre abonnement ("
                        + first.id() + ") : choisissez une nouvelle clé pour un nouvel abonnement.");
            }
            return new Created(first, true);
        }
        Subscription s = inserted.get();
        LOG.infof("Webhook subscription %s created for partner %s (%s)", s.id(), partnerId, String.join(", ", eventTypes));
        return new Created(s, false);
    }

    /** An Idempotency-Key reused for a different request (422). */
    public static class IdempotencyConflict extends RuntimeException {
        public IdempotencyConflict(String message) {
            super(message);
        }
    }

    /** The subscription if it exists and the caller may see it (admin, or its partner's app). */
    @Transactional
    public Optional<Subscription> visible(UUID id) {
        return store.find(id).filter(s -> caller.actsFor(s.partnerId()));
    }

    /** Administrators: every partner's, or {@code partnerId}'s; partner apps: their organisation's only. */
    @Transactional
    public Page<Subscription> list(UUID partnerId, int page, int size) {
        UUID scope = partnerId;
        if (!caller.isAdmin()) {
            scope = caller.requiredOrg();
            if (partnerId != null) {
                caller.requireActsFor(ofPartner(partnerId), partnerId);
            }
        }
        return new Page<>(store.list(scope, page, size), store.count(scope));
    }

    /**
     * Changes url / types / description, and the status: "active" resumes a paused subscription (its
     * waiting deliveries go out at once), "paused" stops deliveries until resumed.
     */
    @Transactional
    public Optional<Subscription> change(UUID id, Changes changes, String status) {
        Optional<Subscription> found = visible(id);
        if (found.isEmpty()) {
            return found;
        }
        store.change(id, changes);
        if ("active".equals(status)) {
            store.resume(id, clock.now());
        } else if ("paused".equals(status)) {
            store.pause(id, "mis en pause par son propriétaire");
        }
        return store.find(id);
    }

    @Transactional
    public Optional<Subscription> rotateSecret(UUID id) {
        if (visible(id).isEmpty()) {
            return Optional.empty();
        }
        store.rotateSecret(id, WebhookSignature.newSecret());
        LOG.infof("Webhook subscription %s: secret rotated", id);
        return store.find(id);
    }

    @Transactional
    public boolean delete(UUID id) {
        return visible(id).isPresent() && store.delete(id);
    }

    @Transactional
    public Optional<Page<Delivery>> deliveries(UUID id, String status, int page, int size) {
        if (visible(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Page<>(store.deliveries(id, status, page, size), store.countDeliveries(id, status)));
    }

    // --- fan-out (Kafka consumers, in their transaction)

    /** booking.bookings.v1 → the booker's organisation and the host partner. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onBooking(Envelope<Booking> e) {
        Optional<String> type = WebhookEventTypes.ofBooking(e.type());
        if (type.isEmpty()) {
            return;
        }
        Booking b = e.data();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bookingId", b.id());
        data.put("status", b.status());
        data.put("slotId", b.slotId());
        data.put("offerId", b.offerId());
        data.put("placeId", b.placeId());
        data.put("partnerId", b.partnerId());
        data.put("bookerOrg", b.bookerOrg());
        data.put("bookedBy", b.bookedBy());
        data.put("start", b.start());
        data.put("end", b.end());
        data.put("previousStart", b.previousStart());
        fanOut(e, type.get(), data, b.bookerOrg(), b.partnerId());
    }

    /** offers.offers.v1 → the offer's partner. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onOffer(Envelope<JsonNode> e) {
        Optional<String> change = WebhookEventTypes.offerChange(e.type());
        if (change.isEmpty()) {
            return;
        }
        JsonNode d = e.data();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("offerId", text(d, "id"));
        data.put("change", change.get());
        data.put("status", text(d, "status"));
        data.put("partnerId", text(d, "partnerId"));
        data.put("placeId", text(d, "placeId"));
        data.put("title", text(d, "title"));
        data.put("type", text(d, "type"));
        fanOut(e, WebhookEventTypes.OFFER_CHANGED, data, null, uuid(text(d, "partnerId")));
    }

    /** offers.sessions.v1 → the session's partner. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onSession(Envelope<JsonNode> e) {
        Optional<String> type = WebhookEventTypes.ofSession(e.type());
        if (type.isEmpty()) {
            return;
        }
        JsonNode d = e.data();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", text(d, "id"));
        data.put("offerId", text(d, "offerId"));
        data.put("partnerId", text(d, "partnerId"));
        data.put("placeId", text(d, "placeId"));
        data.put("status", text(d, "status"));
        data.put("start", text(d, "start"));
        data.put("end", text(d, "end"));
        data.put("cancelReason", text(d, "cancelReason"));
        fanOut(e, type.get(), data, null, uuid(text(d, "partnerId")));
    }

    private void fanOut(Envelope<?> e, String type, Map<String, Object> data, UUID bookerOrg, UUID partnerId) {
        List<UUID> organisations = new ArrayList<>(2);
        for (UUID org : new UUID[] { bookerOrg, partnerId }) {
            if (org != null && !organisations.contains(org)) {
                organisations.add(org);
            }
        }
        if (organisations.isEmpty()) {
            return; // an older event without organisations: no partner to tell
        }
        // the event feed: the same organisations, the same data, with or without a subscription
        try {
            feed.append(e.eventId(), type, e.occurredAt(), mapper.writeValueAsString(data), organisations);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        Instant now = clock.now();
        Instant occurred = e.occurredAt().toInstant();
        if (occurred.isBefore(now.minus(config.maxEventAge()))) {
            LOG.debugf("Event %s is older than %s: not sent to webhooks", e.eventId(), config.maxEventAge());
            return;
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", e.eventId());
        envelope.put("type", type);
        envelope.put("occurredAt", e.occurredAt());
        envelope.put("data", data);
        String payload;
        try {
            payload = mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        int queued = store.fanOut(e.eventId(), type, payload, organisations, occurred, now);
        if (queued > 0) {
            LOG.debugf("Event %s (%s): %d webhook deliveries queued", e.eventId(), type, queued);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
