package fr.maillage.booking.api;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.booking.service.AbsenceEffects;
import fr.maillage.booking.service.AbsenceService;
import fr.maillage.platform.api.QueryParams;
import fr.maillage.platform.idempotency.IdempotentRequests;
import fr.maillage.platform.security.Caller;
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

@Path("/api/v1/absences")
@Tag(name = "Absences", description = "Absences d'une personne et fermetures d'un lieu : les séances touchées sont fermées, "
        + "les personnes inscrites déplacées au prochain créneau équivalent ou prévenues de l'annulation, les permanences "
        + "du personnel retirées")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AbsenceResource {
    private static final String UUID_RE = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    static final String SCOPE = "POST /api/v1/absences";
    private static final String WHO = "Qui : fermeture d'un lieu (placeId) — agent ou partner-app (pour les créneaux de sa "
            + "structure à ce lieu), admin (tous) ; absence d'une personne (personId) — la personne elle-même (bénévole, "
            + "claim person), un agent ou une partner-app de sa structure, admin. ";
    private static final String RULES = "Exactement un de personId et placeId ; from ≤ to, au plus 366 jours, to ≥ "
            + "aujourd'hui (heure de Paris). Séances touchées : pour un lieu, ses créneaux à venir de ces jours ; pour une "
            + "personne, les créneaux à venir de ces jours dont elle est la seule personne nommée (staffIds) et dont la "
            + "permanence n'a pas d'autre personne affectée. ";

    private final AbsenceService absences;
    private final IdempotentRequests idempotent;

    AbsenceResource(AbsenceService absences, IdempotentRequests idempotent) {
        this.absences = absences;
        this.idempotent = idempotent;
    }

    @POST
    @Path("/preview")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN, Caller.VOLUNTEER })
    @Operation(operationId = "previewAbsence", summary = "Voir ce que ferait une absence ou une fermeture (rien n'est changé)", description = WHO + RULES
            + "Chaque rendez-vous (confirmé, en attente, en cours de vérification) d'une séance touchée est déplacé au "
            + "prochain créneau équivalent (même offre, plus tard, non touché, ouvert, une place libre, dans la fenêtre de "
            + "réservation) — outcome moved et movedTo — sinon annulé par le service (outcome cancelled). Les "
            + "permanences du personnel concernées sont listées (shifts).")
    @APIResponse(responseCode = "200", description = "Ce qui serait fait",
            content = @Content(schema = @Schema(implementation = AbsenceEffects.Effects.class)))
    @APIResponse(responseCode = "400", description = "Corps mal formé : date absente ou invalide, raison de plus de 200 caractères")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Pas autorisé pour ce lieu ou cette personne")
    @APIResponse(responseCode = "404", description = "Personne inconnue de l'annuaire (personId) ; lieu sans aucun créneau connu (admin)")
    @APIResponse(responseCode = "422", description = "Règle non respectée : ni ou les deux de personId/placeId, to avant from, "
            + "plus de 366 jours, dates passées (field nommé)")
    public AbsenceEffects.Effects preview(
            @Valid @NotNull(message = "le corps de la requête est obligatoire") AbsenceRequest request) {
        return absences.preview(request.command());
    }

    @POST
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN, Caller.VOLUNTEER })
    @Operation(operationId = "createAbsence", summary = "Déclarer une absence ou une fermeture", description = WHO + RULES + "Tout se fait en une "
            + "transaction : séances fermées (plus réservables, publiées closed sur booking.slots.v1, gardées fermées si "
            + "l'offre est replanifiée ; une séance nouvellement planifiée dans ces jours arrive fermée), rendez-vous "
            + "déplacés (BookingRescheduled avec reason et absenceId, comme un déplacement) ou annulés par le service "
            + "(BookingCancelled avec reason, absenceId et rebookUrl, la page de l'offre), permanences retirées "
            + "(ShiftCancelled avec reason, absenceId, absenceFrom, absenceTo), demandes de renfort en attente annulées. "
            + "effects dit ce qui a été fait. Une requête rejouée avec le même Idempotency-Key renvoie la première réponse.")
    @APIResponse(responseCode = "201", headers = @Header(name = "Location"), description = "Déclarée ; Location donne son adresse",
            content = @Content(schema = @Schema(implementation = AbsenceResponse.class)))
    @APIResponse(responseCode = "400", description = "Corps mal formé : date absente ou invalide, raison de plus de 200 caractères")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Pas autorisé pour ce lieu ou cette personne")
    @APIResponse(responseCode = "404", description = "Personne inconnue de l'annuaire (personId) ; lieu sans aucun créneau connu (admin)")
    @APIResponse(responseCode = "422", description = "Règle non respectée : ni ou les deux de personId/placeId, to avant from, "
            + "plus de 366 jours, dates passées ; Idempotency-Key réutilisée pour une autre demande")
    public Response declare(
            @Parameter(in = ParameterIn.HEADER, description = "Clé choisie par le client pour rejouer une requête sans risque (1 à 200 caractères)")
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @Valid @NotNull(message = "le corps de la requête est obligatoire") AbsenceRequest request) {
        return idempotent.execute(SCOPE, idempotencyKey, request, () -> {
            AbsenceService.Declared declared = absences.declare(request.command());
            return Response.created(URI.create("/api/v1/absences/" + declared.absence().id()))
                    .entity(AbsenceResponse.of(declared.absence(), declared.effects())).build();
        });
    }

    @GET
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN, Caller.VOLUNTEER })
    @Operation(operationId = "listAbsences", summary = "Lister les absences et fermetures", description = "Un bénévole voit les siennes ; un agent ou une "
            + "partner-app celles de sa structure (déclarées pour elle ou pour ses personnes) ; l'admin toutes. Filtres : "
            + "personId, placeId, from (celles qui durent encore ce jour-là ou après). Triées par premier jour, paginées "
            + "(enveloppe {items, page, size, total} et X-Total-Count). effects est null dans la liste.")
    @APIResponse(responseCode = "200", headers = @Header(name = "X-Total-Count"), description = "Une page d'absences", content = @Content(schema = @Schema(implementation = Pages.AbsencePage.class)))
    @APIResponse(responseCode = "400", description = "Filtre, page ou size invalide")
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "403", description = "Jeton sans organisation (agent, partner-app) ou sans person (bénévole)")
    public Response list(@QueryParam("personId") String personId, @QueryParam("placeId") String placeId,
            @Parameter(description = "AAAA-MM-JJ : celles dont le dernier jour est ce jour-là ou après") @QueryParam("from") String from,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        QueryParams.page(page, size);
        AbsenceService.AbsencePage found = absences.list(QueryParams.uuid("personId", personId),
                QueryParams.uuid("placeId", placeId), QueryParams.date("from", from), page, size);
        return Response.ok(new PageResponse<>(found.items().stream().map(a -> AbsenceResponse.of(a, null)).toList(),
                page, size, found.total())).header("X-Total-Count", found.total()).build();
    }

    @GET
    @Path("/{id: " + UUID_RE + "}")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN, Caller.VOLUNTEER })
    @Operation(operationId = "getAbsence", summary = "Une absence ou fermeture", description = "Mêmes droits que la liste ; 404 pour les autres.")
    @APIResponse(responseCode = "200", description = "L'absence (effects null)",
            content = @Content(schema = @Schema(implementation = AbsenceResponse.class)))
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "404", description = "Inconnue, ou pas visible pour vous")
    public AbsenceResponse get(@PathParam("id") UUID id) {
        return AbsenceResponse.of(absences.visible(id), null);
    }

    @DELETE
    @Path("/{id: " + UUID_RE + "}")
    @RolesAllowed({ Caller.PARTNER_APP, Caller.AGENT, Caller.ADMIN, Caller.VOLUNTEER })
    @Operation(operationId = "withdrawAbsence", summary = "Retirer une absence ou fermeture", description = "Statut withdrawn ; les séances à venir qu'elle "
            + "avait fermées rouvrent (publiées ouvertes). Les rendez-vous déplacés ou annulés le restent, les permanences "
            + "retirées aussi. Mêmes droits que la lecture.")
    @APIResponse(responseCode = "200", description = "Retirée", content = @Content(schema = @Schema(implementation = AbsenceResponse.class)))
    @APIResponse(responseCode = "401", description = "Jeton absent, mal formé, expiré ou mal signé")
    @APIResponse(responseCode = "404", description = "Inconnue, ou pas visible pour vous")
    @APIResponse(responseCode = "409", description = "Déjà retirée")
    public AbsenceResponse withdraw(@PathParam("id") UUID id) {
        return AbsenceResponse.of(absences.withdraw(id), null);
    }
}
