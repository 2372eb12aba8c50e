package fr.maillage.booking.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.BookingStatus;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.events.BookingEvents;
import fr.maillage.booking.service.BookingService;
import fr.maillage.booking.service.BookingWriter;
import fr.maillage.booking.service.IdempotentBookings;
import fr.maillage.booking.service.PrivacyService;
import fr.maillage.booking.service.SelfServiceLinkService;
import fr.maillage.booking.service.ShiftService;
import fr.maillage.booking.service.SlotService;
import fr.maillage.booking.service.VerificationService;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import fr.maillage.platform.security.RateLimited;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/bookings")
@Tag(name = "Bookings", description = "Rendez-vous des personnes accompagnées, liste d'attente, présence, lien personnel, calendriers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BookingResource {
    private static final String OWNERS = "Rôles : admin, ou agent / partner-app de la structure qui a pris le rendez-vous "
            + "(bookerOrg) ou de celle qui accueille son créneau (partnerId du créneau).";
    private static final String SHIFT_ROLES = "Rôles : volunteer (ses propres permanences, claim person ; personId d'une "
            + "autre personne → 403), agent / partner-app (permanences sur les créneaux de son organisation), admin (toutes) ; "
            + "personId filtre sur une personne.";
    private static final String UUID_RE = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final BookingService bookings;
    private final IdempotentBookings idempotent;
    private final SlotService slots;
    private final ShiftService shifts;
    private final PrivacyService privacy;
    private final BookingEvents links;
    private final VerificationService verification;
    private final SelfServiceLinkService selfServiceLinks;

    BookingResource(BookingService bookings, IdempotentBookings idempotent, SlotService slots, ShiftService shifts,
            PrivacyService privacy, BookingEvents links, VerificationService verification,
            SelfServiceLinkService selfServiceLinks) {
        this.selfServiceLinks = selfServiceLinks;
        this.verification = verification;
        this.bookings = bookings;
        this.idempotent = idempotent;
        this.slots = slots;
        this.shifts = shifts;
        this.privacy = privacy;
        this.links = links;
    }

    @POST
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @RateLimited("booking-create")
    @APIResponse(responseCode = "429", description = "Trop de réservations en peu de temps pour cet appelant (5 par seconde, "
            + "10 d'affilée, par jeton vérifié et adresse) : réessayer après Retry-After")
    @Operation(operationId = "createBooking", summary = "Réserver un créneau", description = "Rôles : partner-app, agent, admin. Confirme le rendez-vous "
            + "s'il reste une place, sinon inscrit en liste d'attente si l'offre le permet, sinon 409 avec les prochains créneaux "
            + "disponibles. Qui réserve vient du jeton : agent → bookedBy agent, partner-app → partner_app (ou citizen s'il le "
            + "déclare : la personne réserve sur le site du partenaire), admin → bookedBy du corps ; l'offre doit l'autoriser "
            + "(allowedBookers). L'organisation du jeton est enregistrée (bookerOrg). Une requête rejouée par le même appelant "
            + "avec le même Idempotency-Key renvoie la première réponse sans créer de second rendez-vous. "
            + "Avec verification: \"code\" (site public) : 201 status pending, la place (ou le rang en liste d'attente) est "
            + "tenue jusqu'à holdExpiresAt (maillage.booking.verification.hold, 10 minutes) et un code à 6 chiffres part aussitôt "
            + "au téléphone (ou à l'e-mail) de la personne (BookingCodeRequested) ; rien n'est confirmé ni envoyé d'autre avant "
            + "POST /api/v1/bookings/{id}/verification. Au plus 3 codes par heure et par numéro ou adresse (429).")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé (volunteer), jeton sans organisation, partnerId autre que "
            + "l'organisation du jeton, ou agentId d'une personne d'une autre organisation")

    @APIResponse(responseCode = "201", description = "Rendez-vous confirmé (status confirmed) ou en liste d'attente (status "
            + "waitlisted) ; avec verification code : pending (pendingOutcome, holdExpiresAt, codeAttemptsLeft, pas encore de selfServiceUrl)",
            content = @Content(schema = @Schema(implementation = BookingResponse.class), examples = @ExampleObject(name = "pending",
                    value = """
                            {"id":"0b6f7c8d-1a2b-4c3d-8e9f-001122334455","status":"pending","pendingOutcome":"confirmed","holdExpiresAt":"2026-03-02T10:10:00+01:00",
                             "codeAttemptsLeft":3,"selfServiceUrl":null,"slotId":"6f1c2d3e-4a5b-4c6d-8e7f-8899aabbccdd","start":"2026-03-09T09:00:00+01:00",
                             "timeZone":"Europe/Paris"}""")))
    @APIResponse(responseCode = "400", description = "Requête mal formée (champ manquant, e-mail invalide…)")
    @APIResponse(responseCode = "404", description = "Créneau inconnu")
    @APIResponse(responseCode = "409", description = "Créneau complet (nextSlots), annulé, ou personne déjà inscrite sur ce créneau",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    examples = @ExampleObject(name = "complet", value = """
                            {"type":"https://maillage.fr/problemes/conflit","title":"Conflit","status":409,
                             "detail":"Ce créneau est complet : voici les prochains créneaux disponibles de la même offre (nextSlots).",
                             "instance":"/api/v1/bookings","field":"slotId",
                             "violations":[{"field":"slotId","message":"Ce créneau est complet : voici les prochains créneaux disponibles de la même offre (nextSlots)."}],
                             "nextSlots":[{"id":"6f1c2d3e-4a5b-4c6d-8e7f-8899aabbccdd","start":"2026-03-02T09:00:00+01:00","end":"2026-03-02T09:45:00+01:00","remaining":3}]}""")))
    @APIResponse(responseCode = "422", description = "Règle non respectée : téléphone invalide, ni téléphone ni e-mail, créneau passé, "
            + "hors délais de réservation, réservant non autorisé, thème du besoin (need.theme) absent des thèmes de l'offre, "
            + "agentId inconnu de l'annuaire, Idempotency-Key réutilisée pour une autre demande")
    public Response create(
            @Parameter(in = ParameterIn.HEADER, description = "Clé choisie par le client pour rejouer une requête sans risque (1 à 200 caractères)")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull(message = "le corps de la requête est obligatoire") BookingRequest request) {
        Function<BookingWriter.Booked, Object> view = booked -> BookingResponse.of(booked.booking(), booked.slot(),
                links.selfServiceUrl(booked.booking()), links.icsUrl(booked.booking()),
                selfServiceLinks.resendable(booked.booking(), booked.slot()));
        IdempotentBookings.Answer answer = idempotent.create(idempotencyKey, request.command(), view);
        Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.body())
                .type(MediaType.APPLICATION_JSON);
        if (answer.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @GET
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "listBookings", summary = "Lister les rendez-vous (agents)", description = "Rôles : partner-app, agent, admin. Un agent ou une "
            + "application partenaire ne voit que les rendez-vous pris par son organisation ou sur les créneaux qu'elle accueille ; "
            + "l'admin voit tout. Filtrés, paginés, triés par horaire du créneau puis ordre d'arrivée")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé (volunteer) ou jeton sans organisation")

    @APIResponse(responseCode = "200", headers = @Header(name = "X-Total-Count"), description = "Une page de rendez-vous",
            content = @Content(schema = @Schema(implementation = Pages.BookingPage.class)))
    @APIResponse(responseCode = "400", description = "Filtre invalide")
    public Response list(@QueryParam("slotId") String slotId, @QueryParam("offerId") String offerId,
            @QueryParam("placeId") String placeId,
            @Parameter(schema = @Schema(enumeration = { "confirmed", "waitlisted", "pending", "expired",
                    "cancelled_by_citizen", "cancelled_by_service", "attended", "no_show" })) @QueryParam("status") String status,
            @Parameter(description = "début du créneau à partir de (ISO-8601)") @QueryParam("from") String from,
            @Parameter(description = "début du créneau avant (ISO-8601)") @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        QueryParams.page(page, size);
        if (status != null && !BookingStatus.ALL.contains(status)) {
            throw Problem.badRequest("status", "status doit valoir l'un de : " + String.join(", ", BookingStatus.ALL) + ".");
        }
        BookingService.BookingPage found = bookings.search(QueryParams.uuid("slotId", slotId), QueryParams.uuid("offerId", offerId),
                QueryParams.uuid("placeId", placeId), status, QueryParams.time("from", from), QueryParams.time("to", to), page, size);
        Map<UUID, Slot> slotsById = Slot.<Slot>list("id in ?1", found.items().stream().map(b -> b.slotId).distinct().toList())
                .stream().collect(Collectors.toMap(s -> s.id, s -> s));
        List<BookingResponse> items = found.items().stream()
                .map(b -> agentView(b, slotsById.get(b.slotId), null)).toList();
        return Response.ok(new PageResponse<>(items, page, size, found.total()))
                .header("X-Total-Count", found.total()).build();
    }

    @GET
    @Path("/{id: " + UUID_RE + "}")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "getBooking", summary = "Consulter un rendez-vous (agents)", description = OWNERS + " Pour les autres, 404 : l'existence "
            + "du rendez-vous n'est pas révélée.")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé (volunteer)")
    @APIResponse(responseCode = "200", description = "Le rendez-vous", content = @Content(schema = @Schema(implementation = BookingResponse.class)))
    @APIResponse(responseCode = "404", description = "Rendez-vous inconnu, ou d'une autre organisation")
    public BookingResponse get(@PathParam("id") UUID id) {
        return view(bookings.get(id), false);
    }

    @GET
    @Path("/{id: " + UUID_RE + "}.ics")
    @Produces(Calendars.TEXT_CALENDAR)
    @PermitAll
    @Operation(operationId = "getBookingCalendar", summary = "Rendez-vous au format calendrier (ICS)", description = "Public : le lien (icsUrl) est envoyé à la "
            + "personne pour son agenda, l'identifiant est aléatoire (UUID v4). Ne contient que l'offre, le lieu et l'horaire, "
            + "aucune donnée personnelle")
    @APIResponse(responseCode = "200", description = "Fichier iCalendar", content = @Content(mediaType = "text/calendar"))
    @APIResponse(responseCode = "404", description = "Rendez-vous inconnu")
    public Response ics(@PathParam("id") UUID id) {
        Booking booking = bookings.existing(id);
        return Response.ok(Calendars.booking(booking, slots.find(booking.slotId)))
                .header("Content-Disposition", "attachment; filename=\"rendez-vous.ics\"").build();
    }

    @POST
    @Path("/{id: " + UUID_RE + "}/cancel")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "cancelBooking", summary = "Annuler un rendez-vous (agent)", description = OWNERS + " La place libérée va au premier de la "
            + "liste d'attente, dans la même transaction")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou rendez-vous d'une autre organisation")
    @APIResponse(responseCode = "200", description = "Rendez-vous annulé", content = @Content(schema = @Schema(implementation = BookingResponse.class)))
    @APIResponse(responseCode = "404", description = "Rendez-vous inconnu")
    @APIResponse(responseCode = "409", description = "Rendez-vous déjà annulé ou terminé")
    @APIResponse(responseCode = "422", description = "Créneau commencé, ou délai d'annulation dépassé (annulation pour la personne)")
    public BookingResponse cancel(@PathParam("id") UUID id, @Valid Requests.Cancel request) {
        boolean forCitizen = request != null && "citizen".equals(request.cancelledBy());
        return view(bookings.cancelById(id, forCitizen, request == null ? null : request.reason()), false);
    }

    @POST
    @Path("/{id: " + UUID_RE + "}/reschedule")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "rescheduleBooking", summary = "Déplacer un rendez-vous", description = OWNERS + " Prend la nouvelle place d'abord, libère "
            + "l'ancienne ensuite, dans une seule transaction")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou rendez-vous d'une autre organisation")
    @APIResponse(responseCode = "200", description = "Rendez-vous déplacé", content = @Content(schema = @Schema(implementation = BookingResponse.class)))
    @APIResponse(responseCode = "404", description = "Rendez-vous ou créneau inconnu")
    @APIResponse(responseCode = "409", description = "Nouveau créneau complet ou annulé, rendez-vous non confirmé")
    @APIResponse(responseCode = "422", description = "Autre offre, délais dépassés")
    public BookingResponse reschedule(@PathParam("id") UUID id, @Valid @NotNull(message = "le corps de la requête est obligatoire") Requests.Reschedule request) {
        return view(bookings.reschedule(id, request.slotId()), false);
    }

    @POST
    @Path("/{id: " + UUID_RE + "}/attendance")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "recordAttendance", summary = "Noter la présence (après le début du créneau)", description = OWNERS)
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou rendez-vous d'une autre organisation")
    @APIResponse(responseCode = "200", description = "Statut attended ou no_show", content = @Content(schema = @Schema(implementation = BookingResponse.class)))
    @APIResponse(responseCode = "404", description = "Rendez-vous inconnu")
    @APIResponse(responseCode = "409", description = "Rendez-vous non confirmé")
    @APIResponse(responseCode = "422", description = "Créneau pas encore commencé")
    public BookingResponse attendance(@PathParam("id") UUID id, @Valid @NotNull(message = "le corps de la requête est obligatoire") Requests.Attendance request) {
        return view(bookings.markAttendance(id, request.attended()), false);
    }

    @POST
    @Path("/{id: " + UUID_RE + "}/verification")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @RateLimited("booking-code")
    @Operation(operationId = "verifyBooking", summary = "Confirmer une réservation avec le code reçu", description = "Rôles : partner-app, agent, admin ; seul "
            + "l'appelant qui a créé la réservation "
            + "(même sujet de jeton) peut la confirmer ; pour tout autre, 404. Le bon code, avant holdExpiresAt, rend le rendez-vous "
            + "confirmed (ou waitlisted), avec son lien personnel selfServiceUrl (cette fois seulement), et déclenche les messages "
            + "de confirmation. 3 essais par réservation : le troisième code erroné rend la place (409).")
    @APIResponse(responseCode = "200", description = "Rendez-vous confirmé ou en liste d'attente, avec selfServiceUrl",
            content = @Content(schema = @Schema(implementation = BookingResponse.class)))
    @APIResponse(responseCode = "400", description = "Code absent ou qui n'est pas fait de 6 chiffres (aucun essai décompté)")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé (volunteer)")
    @APIResponse(responseCode = "404", description = "Réservation inconnue, ou créée par un autre appelant")
    @APIResponse(responseCode = "409", description = "Délai dépassé, dernier essai erroné ou réservation expirée (la place est "
            + "rendue : recommencer la réservation), ou rendez-vous qui n'attend plus de code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "dernier essai", value = """
                    {"type":"https://maillage.fr/problemes/conflit","title":"Conflit","status":409,
                     "detail":"Ce code ne correspond pas, et c'était le dernier essai : la place n'est plus réservée. Recommencez la réservation pour recevoir un nouveau code.",
                     "instance":"/api/v1/bookings/0b6f…/verification","field":"code",
                     "violations":[{"field":"code","message":"Ce code ne correspond pas, et c'était le dernier essai : la place n'est plus réservée. Recommencez la réservation pour recevoir un nouveau code."}],
                     "codeAttemptsLeft":0}""")))
    @APIResponse(responseCode = "422", description = "Code erroné : il reste des essais (codeAttemptsLeft)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "code erroné", value = """
                    {"type":"https://maillage.fr/problemes/regle-non-respectee","title":"Règle non respectée","status":422,
                     "detail":"Ce code ne correspond pas. Il vous reste 2 essais.","instance":"/api/v1/bookings/0b6f…/verification",
                     "field":"code","violations":[{"field":"code","message":"Ce code ne correspond pas. Il vous reste 2 essais."}],
                     "codeAttemptsLeft":2}""")))
    @APIResponse(responseCode = "429", description = "Trop de demandes de cet appelant (limite booking-code) : réessayer après Retry-After")
    public BookingResponse verify(@PathParam("id") UUID id,
            @Valid @NotNull(message = "le corps de la requête est obligatoire") Requests.Verification request) {
        Booking booking = verification.verify(id, request.code());
        return agentView(booking, slots.find(booking.slotId), links.selfServiceUrl(booking));
    }

    @POST
    @Path("/{id: " + UUID_RE + "}/verification/code")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @RateLimited("booking-code")
    @Operation(operationId = "resendVerificationCode", summary = "Envoyer un nouveau code", description = "Rôles : partner-app, agent, admin ; seul l'appelant qui a "
            + "créé la réservation peut le demander "
            + "(404 sinon). L'ancien code ne vaut plus ; la réservation provisoire repart pour maillage.booking.verification.hold "
            + "(10 minutes) ; les essais restants ne changent pas. Au plus 3 codes par heure et par numéro de téléphone ou adresse "
            + "e-mail, quel que soit l'appelant (429 avec Retry-After).")
    @APIResponse(responseCode = "202", description = "Nouveau code en cours d'envoi ; la réservation (pending, nouveau holdExpiresAt)",
            content = @Content(schema = @Schema(implementation = BookingResponse.class)))
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé (volunteer)")
    @APIResponse(responseCode = "404", description = "Réservation inconnue, ou créée par un autre appelant")
    @APIResponse(responseCode = "409", description = "Délai dépassé ou réservation expirée (recommencer la réservation), ou rendez-vous "
            + "qui n'attend plus de code")
    @APIResponse(responseCode = "429", description = "Trop de codes envoyés à ce numéro ou à cette adresse (3 par heure), ou trop de "
            + "demandes de cet appelant : réessayer après Retry-After")
    @Consumes(MediaType.WILDCARD)
    public Response resendCode(@PathParam("id") UUID id) {
        Booking booking = verification.resend(id);
        return Response.accepted(agentView(booking, slots.find(booking.slotId), null)).build();
    }

    @POST
    @Path("/{id: " + UUID_RE + "}/self-service-link")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @RateLimited("booking-code")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "resendSelfServiceLink", summary = "Renvoyer le lien personnel à la personne", description = OWNERS + " Un nouveau lien remplace "
            + "l'ancien (qui ne s'ouvre plus) et part aussitôt par SMS au portable de la personne, sinon par e-mail "
            + "(événement BookingSelfServiceLinkSent). Rendez-vous confirmé ou en liste d'attente seulement (un rendez-vous "
            + "en attente de code n'a pas encore de lien). Le corps de la requête est ignoré ; limite booking-code par appelant.")
    @APIResponse(responseCode = "202", description = "Nouveau lien en cours d'envoi ; sentTo dit par où (sms ou email)",
            content = @Content(schema = @Schema(implementation = LinkSent.class),
                    examples = @ExampleObject(name = "sms", value = "{\"sentTo\":\"sms\"}")))
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou rendez-vous d'une autre organisation")
    @APIResponse(responseCode = "404", description = "Rendez-vous inconnu")
    @APIResponse(responseCode = "409", description = "Rendez-vous en attente de code, annulé, expiré, passé (présence notée) "
            + "ou terminé depuis plus longtemps que la durée de vie du lien")
    @APIResponse(responseCode = "429", description = "Trop de demandes de cet appelant (limite booking-code) : réessayer après Retry-After")
    @APIResponse(responseCode = "422", description = "Ni portable ni adresse e-mail (champ person) : donner la fiche imprimée")
    public Response resendSelfServiceLink(@PathParam("id") UUID id) {
        return Response.accepted(new LinkSent(selfServiceLinks.resend(id).sentTo())).build();
    }

    @Schema(description = "Où part le nouveau lien personnel")
    public record LinkSent(@Schema(enumeration = { "sms", "email" }) String sentTo) {
    }

    @DELETE
    @Path("/{id: " + UUID_RE + "}/personal-data")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "eraseBookingPersonalData", summary = "Effacer les données personnelles (RGPD, agent)", description = OWNERS + " Un rendez-vous à venir "
            + "est d'abord annulé (sa place est proposée à la liste d'attente), puis anonymisé")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou rendez-vous d'une autre organisation")
    @APIResponse(responseCode = "204", description = "Données effacées (ou déjà effacées)")
    @APIResponse(responseCode = "404", description = "Rendez-vous inconnu")
    public Response erase(@PathParam("id") UUID id) {
        privacy.erase(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/self/{token}")
    @PermitAll
    @Operation(operationId = "getSelfServiceBooking", summary = "Consulter son rendez-vous par le lien personnel", description = "Public : sans compte, le jeton du "
            + "lien reçu (256 bits aléatoires, seule son empreinte est conservée) fait foi. Le lien expire "
            + "maillage.booking.self-service.expiry (30 jours par défaut) après le rendez-vous. Un rendez-vous annulé ne "
            + "montre plus que son statut, sans données personnelles")
    @APIResponse(responseCode = "200", description = "Le rendez-vous", content = @Content(schema = @Schema(implementation = BookingResponse.class)))
    @APIResponse(responseCode = "404", description = "Lien inconnu, expiré, ou rendez-vous anonymisé")
    public BookingResponse self(@PathParam("token") String token) {
        return selfView(bookings.byToken(token), token);
    }

    @DELETE
    @Path("/self/{token}")
    @PermitAll
    @Operation(operationId = "cancelSelfServiceBooking", summary = "Annuler son rendez-vous par le lien personnel", description = "Public : le jeton du lien fait foi. "
            + "Dans le délai d'annulation de l'offre. La réponse ne montre que le statut, sans données personnelles")
    @APIResponse(responseCode = "200", description = "Rendez-vous annulé (cancelled_by_citizen)", content = @Content(schema = @Schema(implementation = BookingResponse.class)))
    @APIResponse(responseCode = "404", description = "Lien inconnu, expiré, ou rendez-vous anonymisé")
    @APIResponse(responseCode = "409", description = "Déjà annulé")
    @APIResponse(responseCode = "422", description = "Délai d'annulation dépassé")
    public BookingResponse cancelSelf(@PathParam("token") String token) {
        return selfView(bookings.cancelByToken(token), token);
    }

    @GET
    @Path("/self/{token}.ics")
    @Produces(Calendars.TEXT_CALENDAR)
    @PermitAll
    @Operation(operationId = "getSelfServiceBookingCalendar", summary = "Son rendez-vous au format calendrier (ICS), par le lien personnel", description = "Public : le jeton du "
            + "lien fait foi (« Ajouter à mon agenda » de la page /rdv/{token}). Offre, lieu et horaire, aucune donnée personnelle ; "
            + "un rendez-vous annulé est marqué annulé")
    @APIResponse(responseCode = "200", description = "Fichier iCalendar", content = @Content(mediaType = "text/calendar"))
    @APIResponse(responseCode = "404", description = "Lien inconnu, expiré, ou rendez-vous anonymisé")
    public Response selfIcs(@PathParam("token") String token) {
        Booking booking = bookings.byToken(token);
        return Response.ok(Calendars.booking(booking, slots.find(booking.slotId)))
                .header("Content-Disposition", "attachment; filename=\"rendez-vous.ics\"").build();
    }

    @POST
    @Path("/self/{token}/reschedule")
    @PermitAll
    @Operation(operationId = "rescheduleSelfServiceBooking", summary = "Déplacer son rendez-vous par le lien personnel", description = "Public : le jeton du lien fait foi. Vers "
            + "un autre créneau de la même offre, dans le délai de déplacement de l'offre (rescheduleUntil) ; la nouvelle place "
            + "est prise d'abord, l'ancienne libérée ensuite, dans une seule transaction (la même règle que pour les agents)")
    @APIResponse(responseCode = "200", description = "Rendez-vous déplacé", content = @Content(schema = @Schema(implementation = BookingResponse.class)))
    @APIResponse(responseCode = "400", description = "slotId absent ou mal formé")
    @APIResponse(responseCode = "404", description = "Lien inconnu, expiré, rendez-vous anonymisé, ou créneau inconnu")
    @APIResponse(responseCode = "409", description = "Nouveau créneau complet (nextSlots) ou annulé, rendez-vous non confirmé")
    @APIResponse(responseCode = "422", description = "Créneau d'une autre offre, même créneau, délais dépassés")
    public BookingResponse rescheduleSelf(@PathParam("token") String token,
            @Valid @NotNull(message = "le corps de la requête est obligatoire") Requests.Reschedule request) {
        return selfView(bookings.rescheduleByToken(token, request.slotId()), token);
    }

    @GET
    @Path("/shifts")
    @RolesAllowed({ Caller.VOLUNTEER, Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "listShifts", summary = "Permanences à venir", description = SHIFT_ROLES)
    @APIResponse(responseCode = "200", headers = @Header(name = "X-Total-Count"), description = "Une page de permanences", content = @Content(schema = @Schema(implementation = Pages.ShiftPage.class)))
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle inconnu, bénévole demandant les permanences d'un autre, "
            + "jeton sans person (bénévole) ou sans org")
    @APIResponse(responseCode = "400", description = "personId invalide")
    public Response personShifts(@QueryParam("personId") String personId,
            @Parameter(description = "créneaux se terminant après (ISO-8601, défaut : maintenant)") @QueryParam("from") String from,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        QueryParams.page(page, size);
        ShiftService.ShiftPage found = shifts.visible(QueryParams.uuid("personId", personId), QueryParams.time("from", from), page, size);
        List<ShiftResponse> items = found.items().stream().map(s -> ShiftResponse.of(s.shift(), s.slot())).toList();
        return Response.ok(new PageResponse<>(items, page, size, found.total())).header("X-Total-Count", found.total()).build();
    }

    @GET
    @Path("/shifts.ics")
    @Produces(Calendars.TEXT_CALENDAR)
    @RolesAllowed({ Caller.VOLUNTEER, Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
    @Operation(operationId = "getShiftsCalendar", summary = "Flux calendrier (ICS) des permanences à venir", description = SHIFT_ROLES
            + " Demande le jeton dans l'en-tête Authorization (pas encore de lien signé pour s'abonner depuis un agenda).")
    @APIResponse(responseCode = "200", description = "Fichier iCalendar", content = @Content(mediaType = "text/calendar"))
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle inconnu, bénévole demandant les permanences d'un autre, "
            + "jeton sans person (bénévole) ou sans org")
    @APIResponse(responseCode = "400", description = "personId invalide")
    public Response personShiftsIcs(@QueryParam("personId") String personId) {
        ShiftService.ShiftPage found = shifts.visible(QueryParams.uuid("personId", personId), null, 0, QueryParams.MAX_PAGE_SIZE);
        return Response.ok(Calendars.shifts(found.items())).build();
    }

    private BookingResponse view(Booking booking, boolean forThePerson) {
        return agentView(booking, slots.find(booking.slotId), forThePerson ? links.selfServiceUrl(booking) : null);
    }

    /** The booking as agents and partner apps read it: with whether a new self-service link can be sent. */
    private BookingResponse agentView(Booking booking, Slot slot, String selfServiceUrl) {
        return BookingResponse.of(booking, slot, selfServiceUrl, links.icsUrl(booking),
                selfServiceLinks.resendable(booking, slot));
    }

    /** What the link shows: the booking with the person's data while it is active, its status only once cancelled. */
    private BookingResponse selfView(Booking booking, String token) {
        Slot slot = slots.find(booking.slotId);
        if (booking.status.startsWith("cancelled")) {
            return BookingResponse.statusOnly(booking, slot, links.icsUrl(booking));
        }
        return BookingResponse.of(booking, slot, links.selfServiceUrl(token), links.icsUrl(booking));
    }
}
