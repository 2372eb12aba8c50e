package fr.maillage.booking.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.booking.domain.Shift;
import fr.maillage.booking.service.PermanenceViews;
import fr.maillage.booking.service.Permanences.Permanence;
import fr.maillage.booking.service.ShiftService;
import fr.maillage.booking.service.StaffingRequests;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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

@Path("/api/v1/permanences")
@Tag(name = "Permanences", description = "Permanences (suites de créneaux contigus d'une offre en un lieu), les personnes "
        + "qui les assurent et les demandes aux bénévoles disponibles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN })
public class PermanenceResource {
    private static final String HOSTS = "Rôles : admin, ou agent / partner-app de la structure qui accueille la permanence "
            + "(claim org = partnerId). L'identifiant d'un autre créneau de la permanence la désigne aussi.";

    private final PermanenceViews views;
    private final ShiftService shifts;
    private final StaffingRequests staffing;

    PermanenceResource(PermanenceViews views, ShiftService shifts, StaffingRequests staffing) {
        this.views = views;
        this.shifts = shifts;
        this.staffing = staffing;
    }

    @GET
    @Operation(operationId = "listPermanences", summary = "Permanences à venir", description = "Rôles : agent / partner-app (celles de son organisation, "
            + "structure qui accueille), admin (toutes, ou celles de partnerId). Période : from (défaut maintenant) à to "
            + "(défaut from + 28 jours), 92 jours au plus ; une permanence y est si elle commence dans la période. "
            + "understaffed=true ne garde que les permanences à venir, prévues, sans personne affectée. Total dans X-Total-Count.")
    @APIResponse(responseCode = "200", headers = @Header(name = "X-Total-Count"), description = "Une page de permanences, par début",
            content = @Content(schema = @Schema(implementation = Pages.PermanencePage.class)))
    @APIResponse(responseCode = "400", description = "Filtre invalide, to avant from, période de plus de 92 jours")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou partnerId d'une autre organisation")
    public Response list(@QueryParam("partnerId") String partnerId, @QueryParam("placeId") String placeId,
            @Parameter(description = "début à partir de (ISO-8601 avec décalage ; défaut maintenant)") @QueryParam("from") String from,
            @Parameter(description = "début avant (ISO-8601 avec décalage ; défaut from + 28 jours)") @QueryParam("to") String to,
            @QueryParam("understaffed") @DefaultValue("false") boolean understaffed,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        QueryParams.page(page, size);
        PermanenceViews.ViewPage found = views.list(QueryParams.uuid("partnerId", partnerId),
                QueryParams.uuid("placeId", placeId), QueryParams.time("from", from), QueryParams.time("to", to),
                understaffed, page, size);
        List<PermanenceResponse> items = found.items().stream().map(PermanenceResponse::of).toList();
        return Response.ok(new PageResponse<>(items, page, size, found.total())).header("X-Total-Count", found.total()).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPermanence", summary = "Consulter une permanence", description = HOSTS)
    @APIResponse(responseCode = "200", description = "La permanence", content = @Content(schema = @Schema(implementation = PermanenceResponse.class)))
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou permanence d'une autre structure")
    @APIResponse(responseCode = "404", description = "Permanence inconnue")
    public PermanenceResponse get(@PathParam("id") String id) {
        return PermanenceResponse.of(views.one(permanenceId(id)));
    }

    @POST
    @Path("/{id}/shifts")
    @Operation(operationId = "assignPermanenceShift", summary = "Affecter une personne à une permanence", description = HOSTS + " Une affectation couvre toute la "
            + "permanence : un message et un rappel (événement ShiftAssigned avec ses bornes). La personne doit être connue "
            + "de l'annuaire et appartenir à la structure qui accueille ; sinon rien n'est enregistré ni envoyé.")
    @APIResponse(responseCode = "201", headers = @Header(name = "Location"), description = "Affectation créée", content = @Content(schema = @Schema(implementation = ShiftResponse.class)))
    @APIResponse(responseCode = "400", description = "Corps absent ou personId invalide")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, permanence d'une autre structure, ou personne "
            + "(personId) d'une autre organisation")
    @APIResponse(responseCode = "404", description = "Permanence inconnue")
    @APIResponse(responseCode = "409", description = "Permanence annulée ou fermée, ou personne déjà affectée à cette permanence")
    @APIResponse(responseCode = "422", description = "Permanence terminée, ou personne (personId) inconnue de l'annuaire")
    public Response assign(@PathParam("id") String id,
            @Valid @NotNull(message = "le corps de la requête est obligatoire") Requests.AssignShift request) {
        Permanence permanence = shifts.hosted(permanenceId(id));
        Shift shift = shifts.assign(permanence.id(), request.personId());
        return Response.created(URI.create("/api/v1/permanences/" + permanence.id() + "/shifts/" + shift.id))
                .entity(ShiftResponse.of(shift, permanence.first())).build();
    }

    @GET
    @Path("/{id}/shifts")
    @Operation(operationId = "listPermanenceShifts", summary = "Affectations d'une permanence (y compris annulées)", description = HOSTS)
    @APIResponse(responseCode = "200", description = "Les affectations", content = @Content(schema = @Schema(implementation = ShiftResponse[].class)))
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou permanence d'une autre structure")
    @APIResponse(responseCode = "404", description = "Permanence inconnue")
    public List<ShiftResponse> permanenceShifts(@PathParam("id") String id) {
        Permanence permanence = shifts.hosted(permanenceId(id));
        return shifts.of(permanence).stream().map(s -> ShiftResponse.of(s, permanence.first())).toList();
    }

    @DELETE
    @Path("/{id}/shifts/{shiftId}")
    @Operation(operationId = "cancelPermanenceShift", summary = "Retirer une affectation", description = HOSTS + " La personne est prévenue (ShiftCancelled).")
    @APIResponse(responseCode = "200", description = "Affectation annulée", content = @Content(schema = @Schema(implementation = ShiftResponse.class)))
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou permanence d'une autre structure")
    @APIResponse(responseCode = "404", description = "Permanence ou affectation inconnues")
    @APIResponse(responseCode = "409", description = "Affectation déjà annulée")
    public ShiftResponse cancelShift(@PathParam("id") String id, @PathParam("shiftId") String shiftId) {
        Permanence permanence = shifts.hosted(permanenceId(id));
        UUID shift = QueryParams.uuid("shiftId", shiftId);
        if (shift == null) {
            throw Problem.notFound("shiftId", "Affectation inconnue.");
        }
        return ShiftResponse.of(shifts.cancel(permanence.id(), shift), permanence.first());
    }

    @GET
    @Path("/{id}/candidates")
    @Operation(operationId = "listPermanenceCandidates", summary = "Personnes disponibles pour une permanence", description = HOSTS + " Les personnes de la structure "
            + "(annuaire) dont les disponibilités couvrent la permanence (jour et heures, heure de Paris), hors mois exclus, "
            + "sans absence ce jour-là, sans autre permanence au même moment, dont les thèmes (s'il y en a) rejoignent ceux "
            + "de l'offre, et pas encore sollicitées pour elle (demande en attente ou refusée).")
    @APIResponse(responseCode = "200", description = "Les personnes disponibles (identifiants ; les noms sont dans l'annuaire)",
            content = @Content(schema = @Schema(implementation = StaffingRequestResponse.Candidate[].class)))
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou permanence d'une autre structure")
    @APIResponse(responseCode = "404", description = "Permanence inconnue")
    public List<StaffingRequestResponse.Candidate> candidates(@PathParam("id") String id) {
        return staffing.candidates(permanenceId(id)).stream()
                .map(c -> new StaffingRequestResponse.Candidate(c.personId(), c.themes())).toList();
    }

    @POST
    @Path("/{id}/staffing-requests")
    @Operation(operationId = "createStaffingRequests", summary = "Solliciter les bénévoles disponibles", description = HOSTS + " Chaque personne (par défaut : toutes "
            + "les personnes disponibles) reçoit un message avec un lien pour accepter ou refuser (événement StaffingRequested, "
            + "lien scellé) ; le lien expire au début de la permanence. La première acceptation devient l'affectation, les "
            + "autres demandes sont closes (« déjà assurée »).")
    @APIResponse(responseCode = "201", description = "Demandes envoyées",
            content = @Content(schema = @Schema(implementation = StaffingRequestResponse.Created.class)))
    @APIResponse(responseCode = "400", description = "Corps invalide")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Rôle non autorisé, ou permanence d'une autre structure")
    @APIResponse(responseCode = "404", description = "Permanence inconnue")
    @APIResponse(responseCode = "409", description = "Permanence déjà assurée, annulée ou fermée (field id)")
    @APIResponse(responseCode = "422", description = "Permanence commencée, aucune personne disponible, ou personne "
            + "(personIds[i]) qui n'est pas disponible")
    public Response ask(@PathParam("id") String id, StaffingRequestResponse.Ask body) {
        StaffingRequests.Created created = staffing.ask(permanenceId(id), body == null ? null : body.personIds());
        return Response.status(Response.Status.CREATED).entity(new StaffingRequestResponse.Created(created.permanence().id(),
                created.requests().stream().map(r -> new StaffingRequestResponse.Item(r.id, r.personId, r.status)).toList()))
                .build();
    }

    private static UUID permanenceId(String id) {
        return QueryParams.pathId(id, "Permanence");
    }
}
