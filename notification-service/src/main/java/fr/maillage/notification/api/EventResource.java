package fr.maillage.notification.api;

import static fr.maillage.notification.api.ApiDocs.FORBIDDEN;
import static fr.maillage.notification.api.ApiDocs.FORBIDDEN_EXAMPLE;
import static fr.maillage.notification.api.ApiDocs.PROBLEM;
import static fr.maillage.notification.api.ApiDocs.UNAUTHORIZED;
import static fr.maillage.notification.api.ApiDocs.UNAUTHORIZED_EXAMPLE;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonRawValue;

import fr.maillage.notification.config.EventFeedConfig;
import fr.maillage.notification.domain.FeedCursor;
import fr.maillage.notification.service.EventFeed;
import fr.maillage.notification.service.Webhooks;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The event feed, for partners that cannot receive webhooks: their organisation's events (the webhook event types and
 * bodies, whether or not they subscribed), oldest first, read page after page with the {@code next} cursor.
 */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Flux d'événements")
public class EventResource {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    /** A malformed cursor, or one beyond anything this feed handed out. */
    private static final String NOT_A_CURSOR = "« after » n'est pas un curseur de ce flux : passez la valeur next d'une"
            + " réponse précédente, ou rien pour repartir du plus ancien événement conservé.";
    private static final String EXAMPLE = """
            {"events":[{"cursor":"ZTE6NDI","id":"1f2e3d4c-5b6a-4978-8a9b-c0d1e2f3a4b5","type":"booking.confirmed","occurredAt":"2026-12-01T08:01:30Z","data":{"bookingId":"6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f","status":"confirmed","slotId":"7d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a","offerId":"8e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b","placeId":"9f4a5b6c-7d8e-4f9a-8b1c-2d3e4f5a6b7c","partnerId":"00000000-0000-4000-8000-000000000003","bookerOrg":"00000000-0000-4000-8000-000000000004","bookedBy":"partner_app","start":"2026-12-03T08:30:00Z","end":"2026-12-03T09:15:00Z","previousStart":null}}],"next":"ZTE6NDI"}""";
    private static final String BAD_CURSOR_EXAMPLE = """
            {"type":"https://maillage.fr/problemes/requete-invalide","title":"Requête invalide","status":400,"detail":"« after » : ce curseur est trop ancien, les événements de plus de 30 jours sont effacés. Reprenez sans « after » (depuis le plus ancien événement conservé).","instance":"/api/v1/events","field":"after","violations":[{"field":"after","message":"« after » : ce curseur est trop ancien, les événements de plus de 30 jours sont effacés. Reprenez sans « after » (depuis le plus ancien événement conservé)."}]}""";

    @Schema(name = "FeedEvent", description = "Un événement du flux : le corps du webhook du même événement, avec son curseur")
    public record EventView(
            @Schema(description = "Position de cet événement (opaque) : à passer dans after pour lire les suivants",
                    example = "ZTE6NDI") String cursor,
            @Schema(description = "Identifiant de l'événement (le même que l'id du webhook)") UUID id,
            @Schema(description = "Type (GET /api/v1/webhooks/event-types)", example = "booking.confirmed") String type,
            OffsetDateTime occurredAt,
            @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "Les données du webhook de ce type : identifiants,"
                    + " horaires, statut, lieu ; jamais de nom, de téléphone ni d'e-mail") String data) {
    }

    @Schema(name = "FeedPage", description = "Une page du flux d'événements")
    public record FeedPage(List<EventView> events,
            @Schema(description = "Curseur à passer dans after au prochain appel (toujours présent, même sans événement)",
                    example = "ZTE6NDI") String next) {
    }

    private final EventFeed feed;
    private final EventFeedConfig config;
    private final Caller caller;

    EventResource(EventFeed feed, EventFeedConfig config, Caller caller) {
        this.feed = feed;
        this.config = config;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Caller.PARTNER_APP, Caller.ADMIN })
    @Operation(operationId = "listEvents", summary = "Lire le flux d'événements de son organisation",
            description = "Pour les partenaires qui ne peuvent pas recevoir de webhooks : les événements de leur organisation"
                    + " (mêmes types et mêmes données que les webhooks, sans nom, téléphone ni e-mail), abonnement ou non, du"
                    + " plus ancien au plus récent, conservés 30 jours. Sans after : depuis le plus ancien conservé ; ensuite,"
                    + " passez next dans after : aucun événement n'est sauté ni répété, même écrit pendant la lecture."
                    + " Rôles : partner-app (son organisation), admin (partnerId obligatoire).")
    @APIResponse(responseCode = "200", description = "Les événements suivants (liste vide si aucun) et le curseur suivant",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedPage.class),
                    examples = @ExampleObject(name = "une page", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "after illisible ou trop ancien (plus de 30 jours), limit hors de 1..500,"
            + " partnerId absent (admin) ou illisible", content = @Content(mediaType = PROBLEM,
                    examples = @ExampleObject(name = "curseur trop ancien", value = BAD_CURSOR_EXAMPLE)))
    @APIResponse(responseCode = "401", description = UNAUTHORIZED, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "sans jeton", value = UNAUTHORIZED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "rôle", value = FORBIDDEN_EXAMPLE)))
    public FeedPage list(
            @Parameter(description = "Le curseur next de la réponse précédente (absent : depuis le plus ancien événement conservé)")
            @QueryParam("after") String after,
            @Parameter(description = "Nombre d'événements au plus (1 à 500, 100 par défaut)", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "500", defaultValue = "100")) @QueryParam("limit") String limit,
            @Parameter(description = "Structure dont on lit le flux : obligatoire pour un administrateur ; pour une"
                    + " application partenaire, la sienne seulement") @QueryParam("partnerId") String partnerId) {
        UUID partner = partner(QueryParams.uuid("partnerId", partnerId));
        Integer n = QueryParams.integer("limit", limit, 1, MAX_LIMIT);
        int size = n == null ? DEFAULT_LIMIT : n;
        long from = 0;
        if (!QueryParams.blank(after)) {
            from = FeedCursor.position(after.strip()).orElseThrow(() -> Problem.badRequest("after", NOT_A_CURSOR));
        }
        EventFeed.Read read = feed.read(partner, from, size);
        if (from > Math.max(read.head(), read.purgedUpTo())) {
            throw Problem.badRequest("after", NOT_A_CURSOR);
        }
        // any cursor given, even the one of an empty feed (0): what followed it may have been purged since
        if (!QueryParams.blank(after) && from < read.purgedUpTo()) {
            throw Problem.badRequest("after", "« after » : ce curseur est trop ancien, les événements de plus de "
                    + config.retention().toDays() + " jours sont effacés. Reprenez sans « after » (depuis le plus ancien"
                    + " événement conservé).");
        }
        List<EventView> events = read.events().stream().map(e -> new EventView(FeedCursor.of(e.position()), e.id(), e.type(),
                e.occurredAt().withOffsetSameInstant(ZoneOffset.UTC), e.data())).toList();
        // a full page: go on from its last event; otherwise the reader is up to date with everything written so far
        // (every position up to head is committed, see EventFeed), so the next read starts at head
        long next = events.size() == size ? read.events().get(size - 1).position()
                : Math.max(from, Math.max(read.head(), read.purgedUpTo()));
        return new FeedPage(events, FeedCursor.of(next));
    }

    /** Administrators name the organisation; partner apps read their own (another one: 403). */
    private UUID partner(UUID partnerId) {
        if (caller.isAdmin()) {
            if (partnerId == null) {
                throw Problem.badRequest("partnerId", "Un administrateur indique « partnerId », la structure dont il lit le flux.");
            }
            return partnerId;
        }
        UUID own = caller.requiredOrg();
        if (partnerId != null) {
            caller.requireActsFor(Webhooks.ofPartner(partnerId), partnerId);
        }
        return own;
    }
}
