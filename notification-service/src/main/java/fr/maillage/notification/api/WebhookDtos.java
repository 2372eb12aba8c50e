package fr.maillage.notification.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import fr.maillage.notification.domain.WebhookSignature;
import fr.maillage.notification.service.WebhookStore.Delivery;
import fr.maillage.notification.service.WebhookStore.Subscription;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the partner webhooks API. */
public final class WebhookDtos {
    /** One of each type at most (issue 16, item 2): as many as there are types (WebhookEventTypes), each once. */
    public static final int MAX_EVENT_TYPES = 6;
    static final String EVENT_TYPES_SIZE = "6 types d'événements au plus, chacun une seule fois";
    static final String EVENT_TYPES = "Types d'événements, chacun une seule fois (6 au plus) : booking.confirmed,"
            + " booking.cancelled, booking.rescheduled, waitlist.promoted, offer.changed, session.cancelled";

    private WebhookDtos() {
    }

    @Schema(description = "Nouvel abonnement")
    public record CreateWebhook(
            @Schema(required = true, example = "https://partenaire.example.fr/maillage/webhooks",
                    description = "URL HTTPS qui recevra les événements (POST JSON signé)") String url,
            @Size(max = MAX_EVENT_TYPES, message = EVENT_TYPES_SIZE)
            @Schema(required = true, example = "[\"booking.confirmed\",\"booking.cancelled\"]", maxItems = MAX_EVENT_TYPES,
                    uniqueItems = true, description = EVENT_TYPES) List<String> eventTypes,
            @Size(max = 500, message = "500 caractères au plus") @Schema(example = "Agenda du centre social") String description,
            @Schema(description = "Structure propriétaire ; obligatoire pour un administrateur, sinon celle du jeton",
                    example = "00000000-0000-4000-8000-000000000003") String partnerId) {
    }

    @Schema(description = "Modification d'un abonnement (PUT : url et eventTypes obligatoires ; PATCH : champs présents seulement)")
    public record UpdateWebhook(
            @Schema(example = "https://partenaire.example.fr/maillage/webhooks") String url,
            @Size(max = MAX_EVENT_TYPES, message = EVENT_TYPES_SIZE)
            @Schema(maxItems = MAX_EVENT_TYPES, uniqueItems = true, description = EVENT_TYPES) List<String> eventTypes,
            @Size(max = 500, message = "500 caractères au plus") String description,
            @Schema(enumeration = { "active", "paused" }, description = "active : reprendre un abonnement en pause ; paused : le suspendre") String status) {
    }

    @Schema(description = "Abonnement d'un partenaire aux événements Maillage")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WebhookView(UUID id, UUID partnerId, String url, List<String> eventTypes,
            @Schema(nullable = true) String description,
            @Schema(enumeration = { "active", "paused" }) String status,
            @Schema(nullable = true, description = "Pourquoi l'abonnement est en pause", example = "10 échecs consécutifs, dernier : HTTP 500") String pausedReason,
            @Schema(nullable = true) OffsetDateTime pausedAt,
            @Schema(description = "Tentatives en échec d'affilée (remis à 0 par un succès)") int consecutiveFailures,
            @Schema(nullable = true) OffsetDateTime failingSince, @Schema(nullable = true) OffsetDateTime lastDeliveryAt,
            @Schema(nullable = true, description = "delivered ou failed ; null avant la première livraison", example = "delivered")
            String lastDeliveryStatus,
            @Schema(nullable = true) Integer lastStatusCode, @Schema(nullable = true) String lastError, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(deprecated = true, description = "Obsolète (retiré à la prochaine version) : secret de l'en-tête"
                    + " X-Maillage-Signature, lui aussi obsolète ; utilisez signingSecret. Affiché une seule fois, à la"
                    + " création et à la rotation.", example = "k3V9x0mZbq2Yc8N1tR7wLd5Gh4Fa6Ue0Oi3Tj7Ry2Qs") String secret,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "Secret de signature Standard Webhooks (en-têtes webhook-id, webhook-timestamp,"
                    + " webhook-signature), sous la forme whsec_<base64> que prennent les bibliothèques Standard Webhooks."
                    + " Affiché une seule fois, à la création et à la rotation. Pour un abonnement créé avant : whsec_"
                    + " suivi du base64 du texte de son secret.",
                    example = "whsec_azNWOXgwbVpicTJZYzhOMXRSN3dMZDVHaDRGYTZVZTBPaTNUajdSeTJRcw==") String signingSecret) {

        static WebhookView of(Subscription s, boolean withSecret) {
            return new WebhookView(s.id(), s.partnerId(), s.url(), s.eventTypes(), s.description(), s.status(),
                    s.pausedReason(), time(s.pausedAt()), s.consecutiveFailures(), time(s.failingSince()),
                    time(s.lastDeliveryAt()), s.lastDeliveryStatus(), s.lastStatusCode(), s.lastError(),
                    time(s.createdAt()), time(s.updatedAt()), withSecret ? s.secret() : null,
                    withSecret ? WebhookSignature.signingSecret(s.secret()) : null);
        }
    }

    @Schema(description = "Une livraison d'un événement à un abonnement")
    public record DeliveryView(UUID id, UUID eventId, String eventType,
            @Schema(enumeration = { "pending", "sending", "delivered", "failed" },
                    description = "failed : abandonnée après la dernière tentative") String status,
            int attempts, @Schema(nullable = true) Integer lastStatusCode, @Schema(nullable = true) String lastError,
            @Schema(nullable = true, description = "Prochaine tentative (null une fois livrée ou abandonnée)") OffsetDateTime nextAttemptAt,
            @Schema(nullable = true) OffsetDateTime lastAttemptAt, @Schema(nullable = true) OffsetDateTime deliveredAt, OffsetDateTime createdAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.status(), d.attempts(), d.lastStatusCode(),
                    d.lastError(), time(d.nextAttemptAt()), time(d.lastAttemptAt()), time(d.deliveredAt()),
                    time(d.createdAt()));
        }
    }

    public record EventTypeView(String type, String description) {
    }

    /** OpenAPI only: the concrete page types. */
    @Schema(name = "WebhookPage")
    public record WebhookPage(List<WebhookView> items, int page, int size, long total) {
    }

    @Schema(name = "WebhookDeliveryPage")
    public record DeliveryPage(List<DeliveryView> items, int page, int size, long total) {
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
