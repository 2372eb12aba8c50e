package fr.maillage.web.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import fr.maillage.web.api.Api;
import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.api.Dto;
import fr.maillage.web.api.StaffDto;
import fr.maillage.web.citizen.BookingPages;
import fr.maillage.web.citizen.PlacePages;

/**
 * « Permanences » (issue 19): the coming permanences of the agent's structure (four weeks, as booking-service scopes them
 * to the token), the filter « sans bénévole », who staffs each one (the directory's names); per permanence: ask the
 * available volunteers (booking-service's candidates, one message each, the first who accepts staffs it), assign one
 * person of the structure directly, remove someone. Every action is a form (CSRF) answered by a redirect with a message.
 */
@Path("/agent/permanences")
@Produces(MediaType.TEXT_HTML)
public class PermanencePages {
    static final int PAGE_SIZE = 50;
    /**
     * The forms « Demander aux bénévoles disponibles » already sent (hidden key {@code cle} drawn when the page is shown →
     * how many were asked), ten minutes: booking-service takes no Idempotency-Key on that POST, and after a first click the
     * people asked are no longer candidates, so a double click would read « pas disponible ». Per instance of web.
     */
    private static final Cache<String, Integer> ASKED = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(10))
            .maximumSize(10_000).build();
    static final Map<String, String> STATUS = Map.of("planned", "Prévue", "cancelled", "Annulée", "closed",
            "Fermée (absence ou fermeture)");
    private static final Map<String, String> DONE = Map.of("affecte", "La personne est affectée à la permanence. Elle est prévenue.",
            "retire", "La personne est retirée de la permanence. Elle est prévenue.");

    @Inject
    Api api;
    @Inject
    Desk desk;
    @Inject
    Staffing staffing;

    /** One permanence in the list or on its page. */
    public record Item(UUID id, String when, String offer, String place, String status, boolean planned, boolean understaffed,
            List<StaffLine> staff, int pendingRequests, String booked) {
    }

    public record StaffLine(UUID shiftId, String name) {
    }

    /** {@code previous}/{@code next}: the list's other pages, null when there is none. */
    public record ListView(Desk.Who who, List<Item> items, boolean onlyUnderstaffed, String count, Integer previous,
            Integer next) {
    }

    public record Choice(UUID personId, String name, String detail, boolean checked) {
    }

    /** {@code key}: the ask form's hidden key, new each time the page is shown. */
    public record View(Desk.Who who, Item p, List<Choice> candidates, List<Choice> people, String info, String error,
            String errorField, String key) {
    }

    @GET
    public Response list(@QueryParam("sans-benevole") String understaffed, @QueryParam("page") Integer page) {
        boolean only = understaffed != null && !understaffed.isBlank();
        int p = page == null || page < 0 ? 0 : Math.min(page, 100);
        Dto.Page<StaffDto.Permanence> found = api.agentRead(a -> a.permanences(only ? Boolean.TRUE : null, p, PAGE_SIZE));
        List<Item> items = new ArrayList<>();
        for (StaffDto.Permanence perm : found.items()) {
            items.add(item(perm));
        }
        String count = found.total() == 0 ? "Aucune permanence" + (only ? " sans bénévole" : "") + " dans les 4 prochaines semaines."
                : found.total() == 1 ? "1 permanence." : found.total() + " permanences.";
        return Response.ok(AgentTemplates.permanences(new ListView(desk.who(), items, only, count, p > 0 ? p - 1 : null,
                (long) (p + 1) * PAGE_SIZE < found.total() ? p + 1 : null))).build();
    }

    @GET
    @Path("{id}")
    public Response page(@PathParam("id") String id, @QueryParam("fait") String done, @QueryParam("nombre") Integer asked) {
        UUID perm = PlacePages.uuid(id);
        String info = "sollicites".equals(done) ? asked(asked == null ? 0 : asked) : done == null ? null : DONE.get(done);
        return Response.ok(AgentTemplates.permanence(view(perm, info, null, null, Set.of()))).build();
    }

    @POST
    @Path("{id}/demandes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response ask(@PathParam("id") String id, @FormParam("benevole") List<String> chosen, @FormParam("cle") String key) {
        UUID perm = PlacePages.uuid(id);
        Set<UUID> ids = new LinkedHashSet<>();
        for (String c : chosen == null ? List.<String>of() : chosen) {
            UUID u = uuidOrNull(c);
            if (u != null) {
                ids.add(u);
            }
        }
        if (ids.isEmpty()) {
            return refused(perm, 422, "Cochez au moins un bénévole à qui demander.", "benevoles", Set.of());
        }
        Integer n;
        try {
            // Caffeine runs one call per key and makes a concurrent click with the same key wait for its answer
            n = ASKED.get(Desk.formKey(key), k -> {
                StaffDto.StaffingRequests sent = api.agentCall(a -> a.askVolunteers(perm.toString(),
                        new StaffDto.NewStaffingRequests(List.copyOf(ids))));
                return sent == null ? ids.size() : sent.requests().size();
            });
        } catch (ApiRefusal refusal) {
            return refused(perm, refusal.status, refusal.detail(), "benevoles", ids);
        }
        return BookingPages.seeOther("/agent/permanences/" + perm + "?fait=sollicites&nombre=" + n);
    }

    @POST
    @Path("{id}/equipe")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response assign(@PathParam("id") String id, @FormParam("personne") String person) {
        UUID perm = PlacePages.uuid(id);
        UUID personId = uuidOrNull(person);
        if (personId == null) {
            return refused(perm, 422, "Choisissez la personne à affecter.", "personne", Set.of());
        }
        try {
            api.agentCall(a -> a.assign(perm.toString(), new StaffDto.NewShift(personId)));
        } catch (ApiRefusal refusal) {
            return refused(perm, refusal.status, refusal.detail(), "personne", Set.of());
        }
        return BookingPages.seeOther("/agent/permanences/" + perm + "?fait=affecte");
    }

    @POST
    @Path("{id}/equipe/{shiftId}/retirer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("id") String id, @PathParam("shiftId") String shiftId) {
        UUID perm = PlacePages.uuid(id);
        UUID shift = PlacePages.uuid(shiftId);
        try {
            api.agentCall(a -> {
                a.unassign(perm.toString(), shift.toString());
                return null;
            });
        } catch (ApiRefusal refusal) {
            return refused(perm, refusal.status, refusal.detail(), null, Set.of());
        }
        return BookingPages.seeOther("/agent/permanences/" + perm + "?fait=retire");
    }

    static String asked(int n) {
        return n <= 0 ? "La demande est envoyée."
                : (n == 1 ? "1 bénévole a été sollicité." : n + " bénévoles ont été sollicités.")
                        + " Le premier qui accepte assure la permanence ; les autres sont prévenus qu'elle est assurée.";
    }

    private Response refused(UUID perm, int status, String message, String field, Set<UUID> checked) {
        return Response.status(status >= 400 && status < 500 ? status : 422)
                .entity(AgentTemplates.permanence(view(perm, null, message, field, checked))).build();
    }

    private View view(UUID id, String info, String error, String errorField, Set<UUID> checked) {
        StaffDto.Permanence perm = api.agentRead(a -> a.permanence(id.toString()));
        Item item = item(perm);
        List<Choice> candidates = new ArrayList<>();
        if ("planned".equals(perm.status())) {
            List<StaffDto.Candidate> found = api.orNull(() -> api.agentRead(a -> a.candidates(id.toString())));
            for (StaffDto.Candidate c : found == null ? List.<StaffDto.Candidate>of() : found) {
                String themes = c.themes().isEmpty() ? "Tous les thèmes"
                        : String.join(", ", c.themes().stream().map(api::themeLabel).toList());
                candidates.add(new Choice(c.personId(), staffing.name(c.personId()), themes,
                        checked.isEmpty() || checked.contains(c.personId())));
            }
        }
        Set<UUID> staffed = new LinkedHashSet<>();
        perm.staff().forEach(s -> staffed.add(s.personId()));
        List<Choice> people = new ArrayList<>();
        for (StaffDto.Person p : staffing.people()) {
            if (!staffed.contains(p.id())) {
                boolean available = candidates.stream().anyMatch(c -> c.personId().equals(p.id()));
                people.add(new Choice(p.id(), p.name(), available ? "disponible" : null, false));
            }
        }
        // the field the error names is shown only where its form is (asking: planned and understaffed; assigning: planned)
        boolean planned = "planned".equals(perm.status());
        String field = "benevoles".equals(errorField) && !(planned && perm.understaffed())
                || "personne".equals(errorField) && !planned ? null : errorField;
        return new View(desk.who(), item, candidates, people, info, error, field, Desk.formKey(null));
    }

    private Item item(StaffDto.Permanence p) {
        List<StaffLine> staff = new ArrayList<>();
        for (StaffDto.Staff s : p.staff()) {
            staff.add(new StaffLine(s.shiftId(), staffing.name(s.personId())));
        }
        String place = p.placeName() == null ? null : p.placeName() + (p.placeCommune() == null ? "" : ", " + p.placeCommune());
        String booked = p.capacity() <= 0 ? null
                : p.confirmed() + " rendez-vous pris sur " + p.capacity() + (p.capacity() > 1 ? " places" : " place");
        return new Item(p.id(), Staffing.when(p.start(), p.end()), p.offerTitle(), place,
                STATUS.getOrDefault(p.status(), p.status()), "planned".equals(p.status()), p.understaffed(), staff,
                p.pendingRequests(), booked);
    }

    static UUID uuidOrNull(String s) {
        try {
            return s == null || s.isBlank() ? null : UUID.fromString(s.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
