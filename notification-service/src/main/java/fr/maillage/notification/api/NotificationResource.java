package fr.maillage.notification.api;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.notification.api.NotificationDtos.InboundResult;
import fr.maillage.notification.api.NotificationDtos.InboundSms;
import fr.maillage.notification.api.NotificationDtos.NotificationView;
import fr.maillage.notification.api.NotificationDtos.OptOutRequest;
import fr.maillage.notification.api.NotificationDtos.OptOutView;
import fr.maillage.notification.api.NotificationDtos.Page;
import fr.maillage.notification.api.NotificationDtos.SmsCallback;
import fr.maillage.notification.api.NotificationDtos.VoiceCallback;
import fr.maillage.notification.config.NotificationConfig;
import fr.maillage.platform.phone.PhoneNumbers;
import fr.maillage.notification.domain.Redaction;
import fr.maillage.notification.service.BookingContacts;
import fr.maillage.notification.service.NotificationStore;
import fr.maillage.notification.service.OptOuts;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationResource {
    private static final Set<String> STATUSES = Set.of("pending", "sending", "sent", "delivered", "failed", "skipped");
    private static final Set<String> CHANNELS = Set.of("sms", "email", "voice");
    /** The voice provider's call outcomes: completed (picked up, message read) is delivered, the others failed. */
    private static final Set<String> VOICE_STATUSES = Set.of("completed", "no_answer", "busy", "failed");
    private static final java.util.Map<String, String> VOICE_FAILURES = java.util.Map.of("no_answer", "pas de réponse",
            "busy", "ligne occupée", "failed", "appel en échec");
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_EXAMPLE = """
            {"type":"https://maillage.fr/problemes/requete-invalide","title":"Requête invalide","status":400,"detail":"« status » doit valoir pending, sending, sent, delivered, failed ou skipped.","instance":"/api/v1/notifications","field":"status","violations":[{"field":"status","message":"« status » doit valoir pending, sending, sent, delivered, failed ou skipped."}]}""";

    static final String PROVIDER_401 = """
            {"type":"https://maillage.fr/problemes/authentification-requise","title":"Authentification requise","status":401,"detail":"En-tête X-Sms-Callback-Secret absent ou incorrect : seul le fournisseur SMS peut appeler ce point d'entrée.","instance":"/api/v1/notifications/callbacks/sms","violations":[]}""";

    static final String OTHER_ORG_404 = """
            {"type":"https://maillage.fr/problemes/introuvable","title":"Introuvable","status":404,"detail":"Aucune réservation ni personne de votre organisation n'a ce numéro.","instance":"/api/v1/notifications/opt-outs","field":"phone","violations":[{"field":"phone","message":"Aucune réservation ni personne de votre organisation n'a ce numéro."}]}""";

    private final EntityManager em;
    private final NotificationStore store;
    private final OptOuts optOuts;
    private final BookingContacts contacts;
    private final NotificationConfig config;
    private final Caller caller;

    NotificationResource(EntityManager em, NotificationStore store, OptOuts optOuts, BookingContacts contacts,
            NotificationConfig config, Caller caller) {
        this.em = em;
        this.store = store;
        this.optOuts = optOuts;
        this.contacts = contacts;
        this.config = config;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Caller.ADMIN, Caller.PARTNER_APP, Caller.AGENT })
    @Tag(name = "Notifications")
    @Operation(operationId = "listNotifications", summary = "Accusés de réception des notifications",
            description = "Filtrables par rendez-vous, personne (bénévole), statut et canal ; paginés, du plus récent au plus ancien."
                    + " Rôles : admin (tout), partner-app et agent (seulement les notifications des rendez-vous réservés par"
                    + " leur organisation ou tenus chez elle, et des créneaux de ses bénévoles). Les destinataires sont masqués.")
    @APIResponse(responseCode = "200", description = "Une page d'accusés de réception", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NotificationPage.class),
            examples = @ExampleObject(name = "page", value = """
                    {"items":[{"id":"6f1c2b1e-4f7e-4a53-9d0a-1f2e3d4c5b6a","bookingId":"0b6f7c8d-1a2b-4c3d-8e9f-001122334455","shiftId":null,"personId":null,"channel":"sms","template":"booking_reminder","recipient":"+336******78","status":"sent","skipReason":null,"attempts":1,"segments":1,"error":null,"dueAt":"2026-12-01T07:30:00Z","nextAttemptAt":"2026-12-01T07:30:00Z","sentAt":"2026-12-01T07:30:02Z","deliveredAt":null,"anonymised":false}],"page":0,"size":20,"total":1}""")))
    @APIResponse(responseCode = "400", description = "Filtre ou pagination invalide", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "statut inconnu", value = PROBLEM_EXAMPLE)))
    @APIResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "sans jeton", value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "rôle", value = ApiDocs.FORBIDDEN_EXAMPLE)))
    public Page<NotificationView> list(@QueryParam("bookingId") String bookingId, @QueryParam("personId") String personId,
            @QueryParam("shiftId") String shiftId, @QueryParam("status") String status,
            @QueryParam("channel") String channel,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "la page commence à 0") int page,
            @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "au moins 1 élément par page")
            @Max(value = 200, message = "200 éléments par page au plus") int size) {
        UUID booking = QueryParams.uuid("bookingId", bookingId);
        UUID person = QueryParams.uuid("personId", personId);
        UUID shift = QueryParams.uuid("shiftId", shiftId);
        if (status != null && !STATUSES.contains(status)) {
            throw Problem.badRequest("status", "« status » doit valoir pending, sending, sent, delivered, failed ou skipped.");
        }
        if (channel != null && !CHANNELS.contains(channel)) {
            throw Problem.badRequest("channel", "« channel » doit valoir sms, email ou voice.");
        }
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> params = new ArrayList<>();
        if (!caller.isAdmin()) {
            // a partner app / agent sees what concerns its organisation: bookings it made or hosts, its volunteers
            UUID org = caller.requiredOrg();
            where.append(" AND (booker_org = ?").append(params.size() + 1).append(" OR partner_id = ?")
                    .append(params.size() + 2).append(")");
            params.add(org);
            params.add(org);
        }
        if (booking != null) {
            where.append(" AND booking_id = ?").append(params.size() + 1);
            params.add(booking);
        }
        if (person != null) {
            where.append(" AND person_id = ?").append(params.size() + 1);
            params.add(person);
        }
        if (shift != null) {
            where.append(" AND shift_id = ?").append(params.size() + 1);
            params.add(shift);
        }
        if (status != null) {
            where.append(" AND status = ?").append(params.size() + 1);
            params.add(status);
        }
        if (channel != null) {
            where.append(" AND channel = ?").append(params.size() + 1);
            params.add(channel);
        }
        Query count = em.createNativeQuery("SELECT count(*) FROM notification" + where);
        Query select = em.createNativeQuery("SELECT id, booking_id, shift_id, person_id, channel, template, recipient,"
                + " status, skip_reason, attempts, segments, last_error, due_at, next_attempt_at, sent_at, delivered_at,"
                + " anonymised_at IS NOT NULL FROM notification" + where + " ORDER BY created_at DESC, id"
                + " LIMIT " + size + " OFFSET " + ((long) page * size));
        for (int i = 0; i < params.size(); i++) {
            count.setParameter(i + 1, params.get(i));
            select.setParameter(i + 1, params.get(i));
        }
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        List<NotificationView> items = rows.stream().map(r -> new NotificationView((UUID) r[0], (UUID) r[1],
                (UUID) r[2], (UUID) r[3], (String) r[4], (String) r[5], mask((String) r[4], (String) r[6]),
                (String) r[7], (String) r[8], ((Number) r[9]).intValue(), r[10] == null ? null : ((Number) r[10]).intValue(),
                (String) r[11], time(r[12]), time(r[13]), time(r[14]), time(r[15]), (Boolean) r[16])).toList();
        return new Page<>(items, page, size, total);
    }

    @POST
    @Path("/callbacks/sms")
    @PermitAll
    @Tag(name = "Fournisseur SMS")
    @Operation(operationId = "receiveSmsDeliveryReport", summary = "Rapport de remise d'un SMS (appelé par le fournisseur)",
            description = "Passe la notification à delivered ou failed et publie l'événement sur notification.deliveries.v1."
                    + " Appelé par le fournisseur SMS, sans jeton JWT : authentifié par le secret partagé dans l'en-tête "
                    + SmsCallbackAuth.HEADER + " (maillage.sms.callback-secret).")
    @APIResponse(responseCode = "204", description = "Rapport enregistré")
    @APIResponse(responseCode = "401", description = "Secret du fournisseur absent ou incorrect", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "secret", value = PROVIDER_401)))
    @APIResponse(responseCode = "400", description = "Corps invalide", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "statut", value = """
                    {"type":"https://maillage.fr/problemes/requete-invalide","title":"Requête invalide","status":400,"detail":"« status » doit valoir delivered, failed ou undelivered.","instance":"/api/v1/notifications","field":"status","violations":[{"field":"status","message":"« status » doit valoir delivered, failed ou undelivered."}]}""")))
    @APIResponse(responseCode = "404", description = "Aucun SMS envoyé avec cet identifiant", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "inconnu", value = """
                    {"type":"https://maillage.fr/problemes/introuvable","title":"Introuvable","status":404,"detail":"Aucun SMS envoyé ne correspond à « messageId ».","instance":"/api/v1/notifications","field":"messageId","violations":[{"field":"messageId","message":"Aucun SMS envoyé ne correspond à « messageId »."}]}""")))
    @SmsProviderCallback
    @Parameter(in = ParameterIn.HEADER, name = SmsCallbackAuth.HEADER, required = true, schema = @Schema(type = SchemaType.STRING),
            description = "Secret partagé avec le fournisseur SMS (maillage.sms.callback-secret)")
    public Response smsCallback(@Valid @NotNull(message = "le corps JSON est obligatoire") SmsCallback callback) {
        if (!Set.of("delivered", "failed", "undelivered").contains(callback.status())) {
            throw Problem.badRequest("status", "« status » doit valoir delivered, failed ou undelivered.");
        }
        UUID reference = QueryParams.uuid("reference", callback.reference());
        if ((callback.messageId() == null || callback.messageId().isBlank()) && reference == null) {
            throw Problem.badRequest("messageId", "Indiquez « messageId » (identifiant du fournisseur) ou « reference ».");
        }
        boolean delivered = "delivered".equals(callback.status());
        boolean found = QuarkusTransaction.requiringNew().call(() -> store.recordDelivery("sms", callback.messageId(), reference,
                delivered, delivered ? null : (callback.error() == null ? "non remis (" + callback.status() + ")" : callback.error())));
        if (!found) {
            throw Problem.notFound("messageId", "Aucun SMS envoyé ne correspond à « messageId » / « reference ».");
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/callbacks/voice")
    @PermitAll
    @Tag(name = "Fournisseur d'appels vocaux")
    @Operation(operationId = "receiveVoiceCallReport", summary = "Compte rendu d'un appel vocal (appelé par le fournisseur)",
            description = "completed : la personne a décroché et le message a été lu (delivered) ; no_answer, busy, failed :"
                    + " failed, avec la raison. Publie l'événement sur notification.deliveries.v1. Appelé par le fournisseur"
                    + " d'appels vocaux, sans jeton JWT : authentifié par le secret partagé dans l'en-tête "
                    + SmsCallbackAuth.VOICE_HEADER + " (maillage.voice.callback-secret).")
    @APIResponse(responseCode = "204", description = "Compte rendu enregistré")
    @APIResponse(responseCode = "401", description = "Secret du fournisseur absent ou incorrect")
    @APIResponse(responseCode = "400", description = "Corps invalide", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "statut", value = """
                    {"type":"https://maillage.fr/problemes/requete-invalide","title":"Requête invalide","status":400,"detail":"« status » doit valoir completed, no_answer, busy ou failed.","instance":"/api/v1/notifications/callbacks/voice","field":"status","violations":[{"field":"status","message":"« status » doit valoir completed, no_answer, busy ou failed."}]}""")))
    @APIResponse(responseCode = "404", description = "Aucun appel passé avec cet identifiant")
    @VoiceProviderCallback
    @Parameter(in = ParameterIn.HEADER, name = SmsCallbackAuth.VOICE_HEADER, required = true, schema = @Schema(type = SchemaType.STRING),
            description = "Secret partagé avec le fournisseur d'appels vocaux (maillage.voice.callback-secret)")
    public Response voiceCallback(@Valid @NotNull(message = "le corps JSON est obligatoire") VoiceCallback callback) {
        if (!VOICE_STATUSES.contains(callback.status())) {
            throw Problem.badRequest("status", "« status » doit valoir completed, no_answer, busy ou failed.");
        }
        UUID reference = QueryParams.uuid("reference", callback.reference());
        if ((callback.callId() == null || callback.callId().isBlank()) && reference == null) {
            throw Problem.badRequest("callId", "Indiquez « callId » (identifiant du fournisseur) ou « reference ».");
        }
        boolean delivered = "completed".equals(callback.status());
        String error = delivered ? null : VOICE_FAILURES.get(callback.status())
                + (callback.error() == null || callback.error().isBlank() ? "" : " : " + Redaction.redact(callback.error()));
        boolean found = QuarkusTransaction.requiringNew().call(() -> store.recordDelivery("voice", callback.callId(),
                reference, delivered, error));
        if (!found) {
            throw Problem.notFound("callId", "Aucun appel passé ne correspond à « callId » / « reference ».");
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/sms/inbound")
    @PermitAll
    @Tag(name = "Fournisseur SMS")
    @Operation(operationId = "receiveInboundSms", summary = "SMS reçu (webhook du fournisseur)",
            description = "« STOP » (ou STOP SMS, ARRET) désinscrit le numéro ; « START » le réinscrit ; tout autre texte est ignoré."
                    + " Appelé par le fournisseur SMS, sans jeton JWT : authentifié par le secret partagé dans l'en-tête "
                    + SmsCallbackAuth.HEADER + " (maillage.sms.callback-secret).")
    @APIResponse(responseCode = "401", description = "Secret du fournisseur absent ou incorrect", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "secret", value = PROVIDER_401)))
    @APIResponse(responseCode = "200", description = "Action effectuée", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InboundResult.class), examples = @ExampleObject(name = "stop", value = "{\"action\":\"opted_out\"}")))
    @APIResponse(responseCode = "400", description = "Numéro invalide", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "numéro", value = """
                    {"type":"https://maillage.fr/problemes/requete-invalide","title":"Requête invalide","status":400,"detail":"« from » n'est pas un numéro de téléphone valide.","instance":"/api/v1/notifications","field":"from","violations":[{"field":"from","message":"« from » n'est pas un numéro de téléphone valide."}]}""")))
    @SmsProviderCallback
    @Parameter(in = ParameterIn.HEADER, name = SmsCallbackAuth.HEADER, required = true, schema = @Schema(type = SchemaType.STRING),
            description = "Secret partagé avec le fournisseur SMS (maillage.sms.callback-secret)")
    public InboundResult inbound(@Valid @NotNull(message = "le corps JSON est obligatoire") InboundSms sms) {
        return new InboundResult(optOuts.reply(e164("from", sms.from()), sms.text()));
    }

    @POST
    @Path("/opt-outs")
    @RolesAllowed({ Caller.ADMIN, Caller.AGENT, Caller.PARTNER_APP })
    @Tag(name = "Désinscriptions SMS")
    @Operation(operationId = "createSmsOptOut", summary = "Désinscrire un numéro des SMS", description = "Le numéro ne recevra plus que les messages que le service"
            + " lui doit (annulation de son rendez-vous par le service). Rôles : agent, partner-app (qui enregistrent le refus"
            + " d'une personne : seulement le numéro d'une réservation prise ou accueillie par leur organisation, ou d'une"
            + " personne de l'annuaire rattachée à elle ; un autre numéro répond 404), admin (tout numéro). La personne"
            + " elle-même peut toujours répondre STOP au SMS.")
    @APIResponse(responseCode = "404", description = "Numéro d'aucune réservation ni personne de votre organisation (agent,"
            + " partner-app) : l'existence d'un numéro ailleurs n'est pas révélée", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "hors organisation", value = OTHER_ORG_404)))
    @APIResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "sans jeton", value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "rôle", value = ApiDocs.FORBIDDEN_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Numéro désinscrit", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OptOutView.class), examples = @ExampleObject(name = "ok", value = "{\"phone\":\"+33612345678\",\"optedOut\":true}")))
    @APIResponse(responseCode = "200", description = "Numéro déjà désinscrit", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OptOutView.class), examples = @ExampleObject(name = "déjà", value = "{\"phone\":\"+33612345678\",\"optedOut\":true}")))
    @APIResponse(responseCode = "400", description = "Numéro invalide", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "numéro", value = """
                    {"type":"https://maillage.fr/problemes/requete-invalide","title":"Requête invalide","status":400,"detail":"« phone » n'est pas un numéro de téléphone valide.","instance":"/api/v1/notifications","field":"phone","violations":[{"field":"phone","message":"« phone » n'est pas un numéro de téléphone valide."}]}""")))
    public Response optOut(@Valid @NotNull(message = "le corps JSON est obligatoire") OptOutRequest request) {
        String number = ofCallersOrganisation(e164("phone", request.phone()));
        boolean created = optOuts.optOut(number, "api");
        return Response.status(created ? 201 : 200).entity(new OptOutView(number, true)).build();
    }

    @GET
    @Path("/opt-outs/{phone}")
    @RolesAllowed({ Caller.ADMIN, Caller.AGENT })
    @Tag(name = "Désinscriptions SMS")
    @Operation(operationId = "getSmsOptOut", summary = "Savoir si un numéro est désinscrit", description = "Rôles : admin (tout numéro), agent (qui répond à la"
            + " personne au guichet : « pourquoi je ne reçois plus de SMS ? » ; seulement le numéro d'une réservation prise ou"
            + " accueillie par son organisation, ou d'une personne de l'annuaire rattachée à elle : un autre numéro répond 404).")
    @APIResponse(responseCode = "404", description = "Numéro d'aucune réservation ni personne de votre organisation (agent,"
            + " partner-app) : l'existence d'un numéro ailleurs n'est pas révélée", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "hors organisation", value = OTHER_ORG_404)))
    @APIResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "sans jeton", value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "rôle", value = ApiDocs.FORBIDDEN_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "État du numéro", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OptOutView.class), examples = @ExampleObject(name = "non", value = "{\"phone\":\"+33612345678\",\"optedOut\":false}")))
    @APIResponse(responseCode = "400", description = "Numéro invalide", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "numéro", value = """
                    {"type":"https://maillage.fr/problemes/requete-invalide","title":"Requête invalide","status":400,"detail":"« phone » n'est pas un numéro de téléphone valide.","instance":"/api/v1/notifications","field":"phone","violations":[{"field":"phone","message":"« phone » n'est pas un numéro de téléphone valide."}]}""")))
    public OptOutView optOutStatus(@PathParam("phone") String phone) {
        String number = ofCallersOrganisation(e164("phone", phone));
        return new OptOutView(number, optOuts.isOptedOut(number));
    }

    @DELETE
    @Path("/opt-outs/{phone}")
    @RolesAllowed(Caller.ADMIN)
    @Tag(name = "Désinscriptions SMS")
    @Operation(operationId = "deleteSmsOptOut", summary = "Réinscrire un numéro aux SMS", description = "Rôle : admin (sur demande écrite de la personne ; elle peut"
            + " aussi envoyer START elle-même). Un agent ou une application ne peut pas réinscrire un numéro.")
    @APIResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "sans jeton", value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN, content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "rôle", value = ApiDocs.FORBIDDEN_EXAMPLE)))
    @APIResponse(responseCode = "204", description = "Numéro réinscrit")
    @APIResponse(responseCode = "404", description = "Ce numéro n'était pas désinscrit", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "inconnu", value = """
                    {"type":"https://maillage.fr/problemes/introuvable","title":"Introuvable","status":404,"detail":"Ce numéro n'est pas désinscrit.","instance":"/api/v1/notifications","field":"phone","violations":[{"field":"phone","message":"Ce numéro n'est pas désinscrit."}]}""")))
    @APIResponse(responseCode = "400", description = "Numéro invalide", content = @Content(mediaType = PROBLEM,
            examples = @ExampleObject(name = "numéro", value = """
                    {"type":"https://maillage.fr/problemes/requete-invalide","title":"Requête invalide","status":400,"detail":"« phone » n'est pas un numéro de téléphone valide.","instance":"/api/v1/notifications","field":"phone","violations":[{"field":"phone","message":"« phone » n'est pas un numéro de téléphone valide."}]}""")))
    public Response optIn(@PathParam("phone") String phone) {
        String number = e164("phone", phone);
        if (!optOuts.optIn(number)) {
            throw Problem.notFound("phone", "Ce numéro n'est pas désinscrit.");
        }
        return Response.noContent().build();
    }

    /**
     * Issue 16, item 11: an agent or a partner app acts only on the numbers of its organisation's bookings (booked or
     * hosted) and people; another number answers 404, the same whether it is known elsewhere or not. Admin: any number.
     * (STOP from the person, /sms/inbound, is not scoped.)
     */
    private String ofCallersOrganisation(String number) {
        if (!caller.isAdmin() && !contacts.ofOrganisation(number, caller.requiredOrg())) {
            throw Problem.notFound("phone", "Aucune réservation ni personne de votre organisation n'a ce numéro.");
        }
        return number;
    }

    private String e164(String field, String raw) {
        return PhoneNumbers.e164(raw, config.defaultRegion()).orElseThrow(() -> Problem.badRequest(field,
                "« " + field + " » n'est pas un numéro de téléphone valide (par exemple +33612345678 ou 06 12 34 56 78)."));
    }

    private static String mask(String channel, String recipient) {
        if (recipient == null) {
            return null;
        }
        if (!"email".equals(channel)) { // sms, voice: a number
            return PhoneNumbers.mask(recipient);
        }
        int at = recipient.indexOf('@');
        return at <= 1 ? "***" + recipient.substring(Math.max(at, 0)) : recipient.charAt(0) + "***" + recipient.substring(at);
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected time type " + value.getClass());
    }

    /** OpenAPI only: the concrete page type. */
    @Schema(name = "NotificationPage")
    public record NotificationPage(List<NotificationView> items, int page, int size, long total) {
    }
}
