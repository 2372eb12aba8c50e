package fr.maillage.web.volunteer;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import fr.maillage.web.agent.AbsenceRules;
import fr.maillage.web.agent.Desk;
import fr.maillage.web.agent.TodayPage;
import fr.maillage.web.api.Api;
import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.api.Dto;
import fr.maillage.web.api.VolunteerDto;
import fr.maillage.web.citizen.BookingPages;
import fr.maillage.web.citizen.Form;
import fr.maillage.web.citizen.PlacePages;
import fr.maillage.web.citizen.Problems;

/**
 * « Mes disponibilités » (/benevole/disponibilites): the volunteer's weekly windows (day, from, to: two per day, more when
 * the roster already has more), the months they are away, the themes they can help with (none = any), and their
 * absences (declare from/to/reason, list, withdraw). Plain forms, no JavaScript needed; the API's refusals are shown next
 * to the field they name ({@code weekly[2].end} → that window's « à » field).
 */
@Path("/benevole")
@Produces(MediaType.TEXT_HTML)
public class AvailabilityPage {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** API day codes and the words of the page, Monday first. */
    static final Map<String, String> DAYS = new LinkedHashMap<>();
    static final List<String> MONTHS = List.of("Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août",
            "Septembre", "Octobre", "Novembre", "Décembre");
    static final Map<String, String> DONE = Map.of("enregistre", "Vos disponibilités sont enregistrées.", "retire",
            "Votre absence est retirée. Les permanences annulées ne sont pas rétablies : la structure peut vous les redemander.");
    private static final Pattern TIME = Pattern.compile("^(\\d{1,2})\\s*(?:[hH:]\\s*(\\d{2})?)?(?::\\d{2})?$");
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.FRANCE);
    /** An absence covers at most this many days, first and last included (booking-service's AbsenceService.MAX_DAYS). */
    static final int MAX_DAYS = AbsenceRules.MAX_DAYS;
    /** Control characters, which booking-service refuses in every text. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    static final Map<String, String> ABSENCE_FIELDS = Map.of("from", "du", "to", "au", "reason", "motif");

    static {
        DAYS.put("MO", "lundi");
        DAYS.put("TU", "mardi");
        DAYS.put("WE", "mercredi");
        DAYS.put("TH", "jeudi");
        DAYS.put("FR", "vendredi");
        DAYS.put("SA", "samedi");
        DAYS.put("SU", "dimanche");
    }

    @Inject
    Volunteer volunteer;
    @Inject
    Api api;

    /** One window's two fields (names {@code lundi-1-debut} / {@code lundi-1-fin}). */
    public record Range(int n, String startField, String endField) {
    }

    public record Day(String code, String label, List<Range> ranges) {
    }

    public record Option(String value, String label, boolean checked, boolean child) {
    }

    public record AbsenceLine(UUID id, String dates, String reason, boolean active) {
    }

    /** {@code absences}: null when the list could not be read. */
    public record View(String name, List<Day> days, List<Option> months, List<Option> themes, Form form,
            List<AbsenceLine> absences, Form absence, String info) {
    }

    @GET
    @Path("disponibilites")
    public Response page(@QueryParam("fait") String done, @QueryParam("absence") Integer cancelledShifts) {
        String info = done == null ? null : DONE.get(done);
        if ("absence".equals(done)) {
            int n = cancelledShifts == null ? 0 : cancelledShifts;
            info = "Votre absence est enregistrée." + (n == 0 ? " Vous n'aviez pas de permanence pendant ces dates."
                    : n == 1 ? " Une permanence pendant ces dates est annulée ; la structure est prévenue."
                            : " " + n + " permanences pendant ces dates sont annulées ; la structure est prévenue.");
        }
        VolunteerDto.Availability roster = volunteer.read(a -> a.availability(volunteer.person().toString()));
        return Response.ok(VolunteerTemplates.availability(view(rosterForm(roster), emptyAbsence(), info))).build();
    }

    @POST
    @Path("disponibilites")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(MultivaluedMap<String, String> posted) {
        UUID person = volunteer.person();
        Form form = labelled(new Form());
        Map<String, Integer> perDay = new HashMap<>();
        for (String code : DAYS.keySet()) {
            perDay.put(code, Math.max(2, Math.min(14, countRanges(posted, DAYS.get(code)))));
        }
        List<VolunteerDto.Window> weekly = new ArrayList<>();
        // the API's violation fields → the page's: weekly[i](.day|.start|.end) below, excludedMonths[i], themes[i]
        Map<String, String> fields = new HashMap<>(Map.of("excludedMonths", "mois", "themes", "themes", "weekly",
                "lundi-1-debut"));
        for (int i = 0; i < 50; i++) {
            fields.put("excludedMonths[" + i + "]", "mois");
            fields.put("themes[" + i + "]", "themes");
        }
        for (Map.Entry<String, String> day : DAYS.entrySet()) {
            String previousEnd = null;
            String previousEndField = null;
            for (int n = 1; n <= perDay.get(day.getKey()); n++) {
                String startField = day.getValue() + "-" + n + "-debut";
                String endField = day.getValue() + "-" + n + "-fin";
                String rawStart = posted.getFirst(startField);
                String rawEnd = posted.getFirst(endField);
                form.set(startField, rawStart).set(endField, rawEnd);
                form.label(startField, "De (" + day.getValue() + ", plage " + n + ")").label(endField,
                        "À (" + day.getValue() + ", plage " + n + ")");
                boolean hasStart = rawStart != null && !rawStart.isBlank();
                boolean hasEnd = rawEnd != null && !rawEnd.isBlank();
                if (!hasStart && !hasEnd) {
                    continue;
                }
                String start = time(rawStart);
                String end = time(rawEnd);
                if (!hasStart) {
                    form.error(startField, "Indiquez aussi l'heure de début.");
                } else if (start == null) {
                    form.error(startField, "Écrivez l'heure ainsi : 09:00 ou 9 h 30.");
                }
                if (!hasEnd) {
                    form.error(endField, "Indiquez aussi l'heure de fin.");
                } else if (end == null) {
                    form.error(endField, "Écrivez l'heure ainsi : 12:00 ou 11 h 30.");
                }
                if (start != null && end != null) {
                    if (end.compareTo(start) <= 0) {
                        form.error(endField, "L'heure de fin doit être après l'heure de début.");
                    } else if (previousEnd != null && start.compareTo(previousEnd) < 0) {
                        form.error(startField, "Cette plage commence avant la fin de la précédente ("
                                + previousEndField.replace("-fin", "") + ").");
                    } else {
                        String index = "weekly[" + weekly.size() + "]";
                        fields.put(index, startField);
                        fields.put(index + ".day", startField);
                        fields.put(index + ".start", startField);
                        fields.put(index + ".end", endField);
                        weekly.add(new VolunteerDto.Window(day.getKey(), start, end));
                        previousEnd = end;
                        previousEndField = endField;
                    }
                }
            }
        }
        List<Integer> months = new ArrayList<>();
        for (String m : list(posted, "mois")) {
            try {
                int month = Integer.parseInt(m.strip());
                if (month >= 1 && month <= 12 && !months.contains(month)) {
                    months.add(month);
                }
            } catch (NumberFormatException e) {
                form.error("mois", "Cochez des mois de la liste.");
            }
        }
        months.sort(Comparator.naturalOrder());
        List<String> themes = list(posted, "themes").stream().map(String::strip).filter(t -> !t.isEmpty()).distinct()
                .toList();
        form.set("mois", String.join(",", months.stream().map(String::valueOf).toList()));
        form.set("themes", String.join(",", themes));
        if (weekly.size() > 14) {
            form.error("lundi-1-debut", "Au plus 14 plages par semaine.");
        }
        if (themes.size() > 20) {
            form.error("themes", "Cochez au plus 20 thèmes.");
        }
        if (form.valid()) {
            try {
                volunteer.call(a -> a.saveAvailability(person.toString(),
                        new VolunteerDto.Availability(person, weekly, months, themes, null)));
                return BookingPages.seeOther("/benevole/disponibilites?fait=enregistre");
            } catch (ApiRefusal refusal) {
                Problems.onto(form, refusal, fields);
                return Response.status(refusal.status)
                        .entity(VolunteerTemplates.availability(view(form, emptyAbsence(), null))).build();
            }
        }
        return Response.status(422).entity(VolunteerTemplates.availability(view(form, emptyAbsence(), null))).build();
    }

    @POST
    @Path("absences")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response declare(MultivaluedMap<String, String> posted) {
        UUID person = volunteer.person();
        Form absence = new Form().label("du", "Du").label("au", "Au (inclus)").label("motif", "Motif");
        String rawFrom = posted.getFirst("du");
        String rawTo = posted.getFirst("au");
        String reason = posted.getFirst("motif") == null ? "" : posted.getFirst("motif").strip();
        absence.set("du", rawFrom).set("au", rawTo).set("motif", reason).set("cle", Desk.formKey(posted.getFirst("cle")));
        LocalDate from = date(rawFrom);
        LocalDate to = date(rawTo);
        LocalDate today = LocalDate.now(PARIS);
        if (rawFrom == null || rawFrom.isBlank()) {
            absence.error("du", "Indiquez le premier jour de votre absence.");
        } else if (from == null) {
            absence.error("du", "Écrivez la date ainsi : 15/03/2027.");
        }
        if (rawTo == null || rawTo.isBlank()) {
            absence.error("au", "Indiquez le dernier jour de votre absence (le même jour s'il n'y en a qu'un).");
        } else if (to == null) {
            absence.error("au", "Écrivez la date ainsi : 17/03/2027.");
        } else if (to.isBefore(today)) {
            absence.error("au", "Cette date est passée.");
        } else if (from != null && to.isBefore(from)) {
            absence.error("au", "Le dernier jour doit être le premier jour ou après.");
        } else if (from != null && to.isAfter(from.plusDays(MAX_DAYS - 1))) {
            absence.error("au", "Une absence dure au plus un an : déclarez-en plusieurs.");
        }
        if (reason.length() > 200) {
            absence.error("motif", "Le motif est trop long : 200 caractères au plus.");
        } else if (CONTROL.matcher(reason).find()) {
            absence.error("motif", "Le motif contient un caractère invisible : retapez-le.");
        }
        if (absence.valid()) {
            try {
                VolunteerDto.NewAbsence body = new VolunteerDto.NewAbsence(person, from.toString(), to.toString(),
                        reason.isEmpty() ? null : reason);
                VolunteerDto.Absence created = volunteer.call(a -> a.declareAbsence(absence.value("cle"), body));
                int cancelled = created == null || created.effects() == null ? 0 : created.effects().shifts().size();
                return BookingPages.seeOther("/benevole/disponibilites?fait=absence&absence=" + cancelled + "#absences");
            } catch (ApiRefusal refusal) {
                Problems.onto(absence, refusal, ABSENCE_FIELDS);
                return Response.status(refusal.status).entity(VolunteerTemplates.availability(withAbsenceError(absence)))
                        .build();
            }
        }
        return Response.status(422).entity(VolunteerTemplates.availability(withAbsenceError(absence))).build();
    }

    @POST
    @Path("absences/{id}/retirer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response withdraw(@PathParam("id") String id) {
        UUID absenceId = PlacePages.uuid(id);
        volunteer.person();
        try {
            volunteer.run(a -> a.withdrawAbsence(absenceId.toString()));
        } catch (ApiRefusal refusal) {
            Form absence = emptyAbsence().general(refusal.status == 404 ? "Cette absence n'existe plus." : refusal.detail());
            return Response.status(refusal.status).entity(VolunteerTemplates.availability(withAbsenceError(absence))).build();
        }
        return BookingPages.seeOther("/benevole/disponibilites?fait=retire#absences");
    }

    // ------------------------------------------------------------------ helpers

    private static Form emptyAbsence() {
        // the absence form's idempotency key (hidden cle, sent as Idempotency-Key: a double click declares one absence)
        return new Form().set("cle", Desk.formKey(null));
    }

    private View withAbsenceError(Form absence) {
        VolunteerDto.Availability roster = volunteer.read(a -> a.availability(volunteer.person().toString()));
        return view(rosterForm(roster), absence, null);
    }

    private static Form labelled(Form form) {
        return form.label("mois", "Mois où je ne suis pas disponible").label("themes", "Ce que je peux accompagner");
    }

    /** The roster as the form shows it: each day's windows in order, in fields 1, 2, … */
    static Form rosterForm(VolunteerDto.Availability roster) {
        Form form = labelled(new Form());
        Map<String, Integer> n = new HashMap<>();
        roster.weekly().stream().filter(w -> w.day() != null && DAYS.containsKey(w.day()) && w.start() != null)
                .sorted(Comparator.comparing(VolunteerDto.Window::start)).forEach(w -> {
                    int i = n.merge(w.day(), 1, Integer::sum);
                    String prefix = DAYS.get(w.day()) + "-" + i;
                    form.set(prefix + "-debut", hhmm(w.start())).set(prefix + "-fin", hhmm(w.end()));
                });
        form.set("mois", String.join(",", roster.excludedMonths().stream().map(String::valueOf).toList()));
        form.set("themes", String.join(",", roster.themes()));
        return form;
    }

    private View view(Form form, Form absence, String info) {
        UUID person = volunteer.person();
        List<Day> days = new ArrayList<>();
        for (Map.Entry<String, String> d : DAYS.entrySet()) {
            int count = 2; // two windows a day, more when the roster or the form already has more
            while (count < 14 && !form.value(d.getValue() + "-" + (count + 1) + "-debut").isEmpty()) {
                count++;
            }
            List<Range> ranges = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                ranges.add(new Range(i, d.getValue() + "-" + i + "-debut", d.getValue() + "-" + i + "-fin"));
            }
            days.add(new Day(d.getKey(), TodayPage.capitalised(d.getValue()), ranges));
        }
        List<String> chosenMonths = List.of(form.value("mois").split(","));
        List<Option> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(new Option(String.valueOf(m), MONTHS.get(m - 1), chosenMonths.contains(String.valueOf(m)), false));
        }
        List<String> chosenThemes = List.of(form.value("themes").split(","));
        List<Option> themes = new ArrayList<>();
        for (Dto.Theme t : themes()) {
            themes.add(new Option(t.code(), t.label(), chosenThemes.contains(t.code()), t.parent() != null));
        }
        // the absences not over yet; the roster form stays usable when they cannot be read (the list says so)
        String today = LocalDate.now(PARIS).toString();
        Dto.Page<VolunteerDto.Absence> page = api.orNull(() -> volunteer.read(a -> a.absences(person.toString(), today, 0, 50)));
        List<AbsenceLine> absences = page == null ? null : page.items().stream()
                .filter(a -> a.personId() == null || a.personId().equals(person))
                .sorted(Comparator.comparing((VolunteerDto.Absence a) -> a.from() == null ? "" : a.from()).reversed())
                .map(a -> new AbsenceLine(a.id(), dates(a.from(), a.to()), a.reason(), !"withdrawn".equals(a.status())))
                .toList();
        return new View(volunteer.name(), days, months, themes, form, absences, absence, info);
    }

    private List<Dto.Theme> themes() {
        try {
            return api.themes();
        } catch (RuntimeException e) {
            return List.of(); // the roster still works without the theme list
        }
    }

    /** How many windows the form posted for a day (fields {@code lundi-N-debut}). */
    private static int countRanges(MultivaluedMap<String, String> posted, String day) {
        int n = 0;
        while (n < 14 && posted.containsKey(day + "-" + (n + 1) + "-debut")) {
            n++;
        }
        return n;
    }

    private static List<String> list(MultivaluedMap<String, String> posted, String name) {
        List<String> values = posted.get(name);
        return values == null ? List.of() : values;
    }

    /** « 9 », « 9h », « 9 h 30 », « 09:30 », « 09:30:00 » → « 09:30 »; null when not a time of the day. */
    static String time(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher m = TIME.matcher(raw.strip());
        if (!m.matches()) {
            return null;
        }
        int h = Integer.parseInt(m.group(1));
        int min = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return h > 23 || min > 59 ? null : String.format("%02d:%02d", h, min);
    }

    private static String hhmm(String t) {
        return t == null ? "" : t.length() > 5 ? t.substring(0, 5) : t;
    }

    /** « 2027-03-15 » (the date field) or « 15/03/2027 » (typed where the browser has no date field). */
    static LocalDate date(String raw) {
        return AbsenceRules.date(raw);
    }

    static String dates(String from, String to) {
        LocalDate f = date(from);
        LocalDate t = date(to);
        if (f == null) {
            return from;
        }
        if (t == null || t.equals(f)) {
            return "Le " + LONG_DATE.format(f);
        }
        return "Du " + LONG_DATE.format(f) + " au " + LONG_DATE.format(t);
    }
}
