package fr.maillage.notification.api;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import static fr.maillage.notification.api.ApiDocs.FORBIDDEN;
import static fr.maillage.notification.api.ApiDocs.FORBIDDEN_EXAMPLE;
import static fr.maillage.notification.api.ApiDocs.PROBLEM;
import static fr.maillage.notification.api.ApiDocs.UNAUTHORIZED;
import static fr.maillage.notification.api.ApiDocs.UNAUTHORIZED_EXAMPLE;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.notification.api.NotificationDtos.Page;
import fr.maillage.notification.api.WebhookDtos.CreateWebhook;
import fr.maillage.notification.api.WebhookDtos.DeliveryPage;
import fr.maillage.notification.api.WebhookDtos.DeliveryView;
import fr.maillage.notification.api.WebhookDtos.EventTypeView;
import fr.maillage.notification.api.WebhookDtos.UpdateWebhook;
import fr.maillage.notification.api.WebhookDtos.WebhookPage;
import fr.maillage.notification.api.WebhookDtos.WebhookView;
import fr.maillage.notification.config.WebhookConfig;
import fr.maillage.notification.domain.WebhookDestination;
import fr.maillage.notification.domain.WebhookEventTypes;
import fr.maillage.notification.service.WebhookStore.Changes;
import fr.maillage.notification.service.WebhookStore.Subscription;
import fr.maillage.notification.service.Webhooks;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Partner webhooks. A partner app manages its own organisation's subscriptions, an administrator any
 * partner's. Another organisation's subscription answers 404, exactly like one that does not exist
 * (its existence is not disclosed).
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks partenaires")
public class WebhookResource {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Set<String> DELIVERY_STATUSES = Set.of("pending", "sending", "delivered", "failed");
    private static final String ROLES = " Rôles : partner-app (abonnements de son organisation), admin (tous).";
    private static final String EXAMPLE = """
            {"id":"4a7c1e2b-8f3d-4b6a-9c1e-2d3f4a5b6c7d","partnerId":"00000000-0000-4000-8000-000000000003","url":"https://partenaire.example.fr/maillage/webhooks","eventTypes":["booking.confirmed","booking.cancelled"],"description":"Agenda du centre social","status":"paused","pausedReason":"10 échecs consécutifs, dernier : HTTP 500","pausedAt":"2026-12-01T08:00:00Z","consecutiveFailures":10,"failingSince":"2026-12-01T01:00:00Z","lastDeliveryAt":"2026-12-01T08:00:00Z","lastDeliveryStatus":"failed","lastStatusCode":500,"lastError":"HTTP 500","createdAt":"2026-11-30T10:00:00Z","updatedAt":"2026-12-01T08:00:00Z"}""";
    private static final String CREATED_EXAMPLE = """
            {"id":"4a7c1e2b-8f3d-4b6a-9c1e-2d3f4a5b6c7d","partnerId":"00000000-0000-4000-8000-000000000003","url":"https://partenaire.example.fr/maillage/webhooks","eventTypes":["booking.confirmed"],"description":null,"status":"active","pausedReason":null,"pausedAt":null,"consecutiveFailures":0,"failingSince":null,"lastDeliveryAt":null,"lastDeliveryStatus":null,"lastStatusCode":null,"lastError":null,"createdAt":"2026-11-30T10:00:00Z","updatedAt":"2026-11-30T10:00:00Z","secret":"k3V9x0mZbq2Yc8N1tR7wLd5Gh4Fa6Ue0Oi3Tj7Ry2Qs","signingSecret":"whsec_azNWOXgwbVpicTJZYzhOMXRSN3dMZDVHaDRGYTZVZTBPaTNUajdSeTJRcw=="}""";
    private static final String INVALID_EXAMPLE = """
            {"type":"https://maillage.fr/problemes/regle-non-respectee","title":"Règle non respectée","status":422,"detail":"« url » doit commencer par https://.","instance":"/api/v1/webhooks","field":"url","violations":[{"field":"url","message":"« url » doit commencer par https://."}]}""";
    private static final String NOT_FOUND_EXAMPLE = """
            {"type":"https://maillage.fr/problemes/introuvable","title":"Introuvable","status":404,"detail":"Aucun abonnement 4a7c1e2b-8f3d-4b6a-9c1e-2d3f4a5b6c7d parmi ceux que vous pouvez voir.","instance":"/api/v1/webhooks/4a7c1e2b-8f3d-4b6a-9c1e-2d3f4a5b6c7d","field":"id","violations":[{"field":"id","message":"Aucun abonnement 4a7c1e2b-8f3d-4b6a-9c1e-2d3f4a5b6c7d parmi ceux que vous pouvez voir."}]}""";

    private final Webhooks webhooks;
    private final WebhookConfig config;
    private final Caller caller;

    WebhookResource(Webhooks webhooks, WebhookConfig config, Caller caller) {
        this.webhooks = webhooks;
        this.config = config;
        this.caller = caller;
    }

    @GET
    @Path("/event-types")
    @PermitAll
    @Operation(operationId = "listWebhookEventTypes", summary = "Types d'événements auxquels on peut s'abonner", description = "Public.")
    @APIResponse(responseCode = "200", description = "Les types et leur sens", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventTypeView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public List<EventTypeView> eventTypes() {
        return WebhookEventTypes.ALL.entrySet().stream().map(e -> new EventTypeView(e.getKey(), e.getValue())).toList();
    }

    @POST
    @RolesAllowed({ Caller.PARTNER_APP, Caller.ADMIN })
    @Operation(operationId = "createWebhookSubscription", summary = "S'abonner à des événements", description = "Crée l'abonnement et renvoie son secret de signature"
            + " signingSecret (whsec_…, Standard Webhooks : en-têtes webhook-id, webhook-timestamp, webhook-signature),"
            + " affiché cette seule fois (conservez-le ; POST /{id}/rotate-secret en donne un nouveau). Le champ secret et"
            + " l'en-tête X-Maillage-Signature sont obsolètes (retirés à la prochaine version). URL en https://."
            + ROLES + " Un administrateur indique partnerId.")
    @APIResponse(responseCode = "201", description = "Abonnement créé, avec son secret", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookView.class), examples = @ExampleObject(name = "créé", value = CREATED_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Requête répétée avec la même Idempotency-Key : l'abonnement créé la première"
            + " fois, avec son secret (en-tête Idempotent-Replayed: true)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "Corps illisible ou champ obligatoire absent", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "url absente", value = """
                    {"type":"https://maillage.fr/problemes/requete-invalide","title":"Requête invalide","status":400,"detail":"Indiquez « url », l'adresse https:// qui recevra les événements.","instance":"/api/v1/webhooks","field":"url","violations":[{"field":"url","message":"Indiquez « url », l'adresse https:// qui recevra les événements."}]}""")))
    @APIResponse(responseCode = "422", description = "URL non HTTPS ou interne, type d'événement inconnu, trop d'abonnements", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "http", value = INVALID_EXAMPLE)))
    @APIResponse(responseCode = "401", description = UNAUTHORIZED, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "sans jeton", value = UNAUTHORIZED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "rôle", value = FORBIDDEN_EXAMPLE)))
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Parameter(description = "Clé d'idempotence choisie par le client (200 caractères au plus) : une "
            + "requête répétée avec la même clé renvoie l'abonnement créé la première fois (200, en-tête Idempotent-Replayed: "
            + "true, avec son secret) au lieu d'en créer un second ; la même clé pour un autre abonnement est refusée (422).")
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull(message = "le corps JSON est obligatoire") CreateWebhook body) {
        UUID partnerId = QueryParams.uuid("partnerId", body.partnerId());
        if (partnerId == null) {
            if (caller.isAdmin() && caller.org().isEmpty()) {
                throw Problem.badRequest("partnerId", "Un administrateur indique « partnerId », la structure propriétaire de l'abonnement.");
            }
            partnerId = caller.requiredOrg();
        }
        caller.requireActsFor(Webhooks.ofPartner(partnerId), partnerId);
        String url = url(body.url());
        List<String> types = eventTypes(body.eventTypes());
        UUID id = idempotentId(idempotencyKey);
        if ((id == null || webhooks.visible(id).isEmpty()) && webhooks.count(partnerId) >= config.maxPerPartner()) {
            throw Problem.ruleBroken("partnerId", "Cette structure a déjà " + config.maxPerPartner()
                    + " abonnements : supprimez-en un avant d'en créer un autre.");
        }
        Webhooks.Created created;
        try {
            created = webhooks.create(id, partnerId, url, types, blankToNull(body.description()));
        } catch (Webhooks.IdempotencyConflict e) {
            throw Problem.ruleBroken(IDEMPOTENCY_KEY, "« " + IDEMPOTENCY_KEY + " » : " + e.getMessage());
        }
        if (created.replayed()) {
            return Response.ok(WebhookView.of(created.subscription(), true)).header(REPLAYED, "true").build();
        }
        return Response.status(201).entity(WebhookView.of(created.subscription(), true)).build();
    }

    @GET
    @RolesAllowed({ Caller.PARTNER_APP, Caller.ADMIN })
    @Operation(operationId = "listWebhookSubscriptions", summary = "Abonnements", description = "Ceux de l'organisation du jeton ; un administrateur voit tous les"
            + " abonnements, ou ceux de partnerId." + ROLES + " Le secret n'est jamais renvoyé.")
    @APIResponse(responseCode = "200", description = "Une page d'abonnements", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookPage.class)))
    @APIResponse(responseCode = "400", description = "Filtre ou pagination invalide", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "401", description = UNAUTHORIZED, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "sans jeton", value = UNAUTHORIZED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "rôle", value = FORBIDDEN_EXAMPLE)))
    public Page<WebhookView> list(@QueryParam("partnerId") String partnerId,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "la page commence à 0") int page,
            @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "au moins 1 élément par page")
            @Max(value = 200, message = "200 éléments par page au plus") int size) {
        Webhooks.Page<Subscription> found = webhooks.list(QueryParams.uuid("partnerId", partnerId), page, size);
        return new Page<>(found.items().stream().map(s -> WebhookView.of(s, false)).toList(), page, size, found.total());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.ADMIN })
    @Operation(operationId = "getWebhookSubscription", summary = "Un abonnement", description = "État (active / paused et pourquoi), échecs d'affilée, dernière livraison."
            + ROLES + " L'abonnement d'une autre organisation répond 404.")
    @APIResponse(responseCode = "200", description = "L'abonnement", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookView.class), examples = @ExampleObject(name = "en pause", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "Inconnu, ou d'une autre organisation", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "inconnu", value = NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "401", description = UNAUTHORIZED, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "sans jeton", value = UNAUTHORIZED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "rôle", value = FORBIDDEN_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "« id » n'est pas un UUID", content = @Content(mediaType = PROBLEM))
    public WebhookView get(@PathParam("id") String id) {
        UUID subscription = id(id);
        return WebhookView.of(webhooks.visible(subscription).orElseThrow(() -> notFound(subscription)), false);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.ADMIN })
    @Operation(operationId = "replaceWebhookSubscription", summary = "Remplacer un abonnement", description = "url et eventTypes obligatoires ; description remplacée"
            + " (absente = effacée) ; status active reprend un abonnement en pause." + ROLES)
    @APIResponse(responseCode = "200", description = "L'abonnement modifié", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "Champ obligatoire absent", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "422", description = "URL non HTTPS, type inconnu", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "http", value = INVALID_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "Inconnu, ou d'une autre organisation", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "inconnu", value = NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "401", description = UNAUTHORIZED, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "sans jeton", value = UNAUTHORIZED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "rôle", value = FORBIDDEN_EXAMPLE)))
    @Consumes(MediaType.APPLICATION_JSON)
    public WebhookView replace(@PathParam("id") String id, @Valid @NotNull(message = "le corps JSON est obligatoire") UpdateWebhook body) {
        UUID subscription = id(id);
        Changes changes = new Changes(url(body.url()), eventTypes(body.eventTypes()), blankToNull(body.description()), true);
        return WebhookView.of(webhooks.change(subscription, changes, status(body.status()))
                .orElseThrow(() -> notFound(subscription)), false);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.ADMIN })
    @Operation(operationId = "updateWebhookSubscription", summary = "Modifier ou reprendre un abonnement", description = "Seuls les champs présents changent."
            + " {\"status\":\"active\"} reprend un abonnement en pause : le compteur d'échecs repart de 0 et les livraisons"
            + " en attente partent aussitôt ; {\"status\":\"paused\"} le suspend." + ROLES)
    @APIResponse(responseCode = "200", description = "L'abonnement modifié", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "Corps illisible", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "422", description = "URL non HTTPS, type inconnu, statut inconnu", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "http", value = INVALID_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "Inconnu, ou d'une autre organisation", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "inconnu", value = NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "401", description = UNAUTHORIZED, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "sans jeton", value = UNAUTHORIZED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "rôle", value = FORBIDDEN_EXAMPLE)))
    @Consumes(MediaType.APPLICATION_JSON)
    public WebhookView patch(@PathParam("id") String id, @Valid @NotNull(message = "le corps JSON est obligatoire") UpdateWebhook body) {
        UUID subscription = id(id);
        Changes changes = new Changes(body.url() == null ? null : url(body.url()),
                body.eventTypes() == null ? null : eventTypes(body.eventTypes()), blankToNull(body.description()),
                body.description() != null);
        return WebhookView.of(webhooks.change(subscription, changes, status(body.status()))
                .orElseThrow(() -> notFound(subscription)), false);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.ADMIN })
    @Operation(operationId = "deleteWebhookSubscription", summary = "Supprimer un abonnement", description = "Ses livraisons en attente sont abandonnées." + ROLES)
    @APIResponse(responseCode = "204", description = "Supprimé")
    @APIResponse(responseCode = "404", description = "Inconnu, ou d'une autre organisation", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "inconnu", value = NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "401", description = UNAUTHORIZED, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "sans jeton", value = UNAUTHORIZED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "rôle", value = FORBIDDEN_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "« id » n'est pas un UUID", content = @Content(mediaType = PROBLEM))
    public Response delete(@PathParam("id") String id) {
        UUID subscription = id(id);
        if (!webhooks.delete(subscription)) {
            throw notFound(subscription);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.ADMIN })
    @Operation(operationId = "rotateWebhookSecret", summary = "Nouveau secret de signature", description = "Remplace le secret immédiatement (les livraisons"
            + " suivantes, y compris les nouvelles tentatives, sont signées avec lui) et le renvoie cette seule fois." + ROLES)
    @APIResponse(responseCode = "200", description = "L'abonnement avec son nouveau secret", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookView.class), examples = @ExampleObject(name = "nouveau secret", value = CREATED_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "Inconnu, ou d'une autre organisation", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "inconnu", value = NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "401", description = UNAUTHORIZED, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "sans jeton", value = UNAUTHORIZED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "rôle", value = FORBIDDEN_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "« id » n'est pas un UUID", content = @Content(mediaType = PROBLEM))
    public WebhookView rotateSecret(@PathParam("id") String id) {
        UUID subscription = id(id);
        return WebhookView.of(webhooks.rotateSecret(subscription).orElseThrow(() -> notFound(subscription)), true);
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.ADMIN })
    @Operation(operationId = "listWebhookDeliveries", summary = "Journal des livraisons d'un abonnement", description = "Du plus récent au plus ancien : événement,"
            + " tentatives, dernier code HTTP ou erreur, prochaine tentative, date de livraison. Le corps envoyé n'y figure pas."
            + ROLES)
    @APIResponse(responseCode = "200", description = "Une page de livraisons", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeliveryPage.class), examples = @ExampleObject(name = "page", value = """
                    {"items":[{"id":"9b0e6f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b","eventId":"1f2e3d4c-5b6a-4978-8a9b-c0d1e2f3a4b5","eventType":"booking.confirmed","status":"pending","attempts":2,"lastStatusCode":503,"lastError":"HTTP 503","nextAttemptAt":"2026-12-01T08:12:00Z","lastAttemptAt":"2026-12-01T08:02:00Z","deliveredAt":null,"createdAt":"2026-12-01T08:01:30Z"}],"page":0,"size":20,"total":1}""")))
    @APIResponse(responseCode = "400", description = "Filtre ou pagination invalide", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "Inconnu, ou d'une autre organisation", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "inconnu", value = NOT_FOUND_EXAMPLE)))
    @APIResponse(responseCode = "401", description = UNAUTHORIZED, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "sans jeton", value = UNAUTHORIZED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = FORBIDDEN, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "rôle", value = FORBIDDEN_EXAMPLE)))
    public Page<DeliveryView> deliveries(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "la page commence à 0") int page,
            @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "au moins 1 élément par page")
            @Max(value = 200, message = "200 éléments par page au plus") int size) {
        UUID subscription = id(id);
        if (status != null && !DELIVERY_STATUSES.contains(status)) {
            throw Problem.badRequest("status", "« status » doit valoir pending, sending, delivered ou failed.");
        }
        Webhooks.Page<fr.maillage.notification.service.WebhookStore.Delivery> found = webhooks
                .deliveries(subscription, status, page, size).orElseThrow(() -> notFound(subscription));
        return new Page<>(found.items().stream().map(DeliveryView::of).toList(), page, size, found.total());
    }

    // --- validation

    private static UUID id(String raw) {
        UUID id = QueryParams.uuid("id", raw);
        if (id == null) {
            throw Problem.badRequest("id", "« id » doit être un identifiant UUID.");
        }
        return id;
    }

    private static Problem notFound(UUID id) {
        return Problem.notFound("id", "Aucun abonnement " + id + " parmi ceux que vous pouvez voir.");
    }

    /** The subscription id an Idempotency-Key determines for this caller (scoped to the token's subject), or null. */
    private UUID idempotentId(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        if (key.length() > 200) {
            throw Problem.badRequest(IDEMPOTENCY_KEY, "« " + IDEMPOTENCY_KEY + " » ne doit pas dépasser 200 caractères.");
        }
        return UUID.nameUUIDFromBytes(("maillage:webhooks:" + caller.subject() + ":" + key.strip())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The one destination check of {@link WebhookDestination} (the sender runs it again before each delivery, with the
     * addresses the name resolves to): 400 when not a URL, 422 when not allowed.
     */
    String url(String raw) {
        try {
            WebhookDestination.check(raw, config.allowInsecureLocalhost());
        } catch (WebhookDestination.Refused e) {
            throw e.malformed() ? Problem.badRequest("url", e.getMessage()) : Problem.ruleBroken("url", e.getMessage());
        }
        return raw.trim();
    }

    private static List<String> eventTypes(List<String> raw) {
        if (raw == null) {
            throw Problem.badRequest("eventTypes", "Indiquez « eventTypes », la liste des événements voulus : "
                    + String.join(", ", WebhookEventTypes.NAMES) + ".");
        }
        if (raw.isEmpty()) {
            throw Problem.ruleBroken("eventTypes", "Choisissez au moins un type d'événement parmi "
                    + String.join(", ", WebhookEventTypes.NAMES) + ".");
        }
        List<String> unknown = new ArrayList<>();
        Set<String> types = new LinkedHashSet<>();
        List<String> repeated = new ArrayList<>();
        for (String t : raw) {
            String type = t == null ? "null" : t.trim();
            if (!WebhookEventTypes.ALL.containsKey(type)) {
                unknown.add(type);
            } else if (!types.add(type)) {
                repeated.add(type);
            }
        }
        if (!repeated.isEmpty()) {
            throw Problem.ruleBroken("eventTypes", "Chaque type d'événement ne doit figurer qu'une fois dans « eventTypes »"
                    + " (répété : " + String.join(", ", repeated) + ").");
        }
        if (!unknown.isEmpty()) {
            throw Problem.ruleBroken("eventTypes", "Type(s) d'événement inconnu(s) : " + String.join(", ", unknown)
                    + ". Types possibles : " + String.join(", ", WebhookEventTypes.NAMES) + ".");
        }
        return List.copyOf(types);
    }

    private static String status(String raw) {
        if (raw == null || raw.equals("active") || raw.equals("paused")) {
            return raw;
        }
        throw Problem.ruleBroken("status", "« status » doit valoir active (reprendre) ou paused (suspendre).");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
