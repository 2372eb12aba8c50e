package fr.maillage.web.territory;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import fr.maillage.web.api.Api;
import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.api.Dto;
import fr.maillage.web.citizen.Form;

/**
 * What the coverage and indicators pages share: the territory and need fields (choices, reading, errors in French), the
 * API's refusals put next to the field they name, numbers written the French way, and the CSV answers passed through.
 */
final class Territories {
    static final Locale FR = Locale.FRANCE;
    /** The API's parameter → the page's field. */
    private static final Map<String, String> FIELDS = Map.of("departement", "territoire", "epci", "territoire", "commune",
            "territoire", "theme", "theme", "radiusKm", "rayon", "days", "jours", "from", "du", "to", "au");

    private Territories() {
    }

    /** A choice of a select: {@code value}, what it says, whether it is the one chosen. */
    public record Option(String value, String label, boolean selected) {
    }

    /**
     * The {@code territoire} field: the value asked, else the token's first territory; errors in French on the field.
     */
    static Optional<Selection> territory(Form form, Coordinator who, String asked, boolean communeAllowed) {
        String value = asked == null || asked.isBlank()
                ? who.territories().stream().findFirst().map(Selection::value).orElse("")
                : asked.strip();
        form.set("territoire", value);
        if (value.isEmpty()) {
            form.error("territoire", "Indiquez un territoire, par exemple dep:80 pour un département ou epci:248000531 pour"
                    + " une intercommunalité.");
            return Optional.empty();
        }
        Optional<Selection> s = Selection.parse(value, communeAllowed);
        if (s.isEmpty()) {
            form.error("territoire", "Écrivez le territoire sous la forme dep:80 (département), epci:248000531 (intercommunalité,"
                    + " numéro SIREN à 9 chiffres)" + (communeAllowed ? " ou commune:80338 (code INSEE de la commune)" : "") + ".");
        }
        return s;
    }

    /** The token's territories as choices, plus the one asked when it is another (an EPCI of the département…). */
    static List<Option> territoryOptions(Coordinator who, String chosen) {
        List<Option> options = new ArrayList<>();
        boolean found = false;
        for (Selection s : who.territories()) {
            boolean selected = s.value().equals(chosen);
            found |= selected;
            options.add(new Option(s.value(), s.label(), selected));
        }
        if (!found && chosen != null && !chosen.isBlank()) {
            options.add(new Option(chosen, Selection.parse(chosen, true).map(Selection::label).orElse(chosen), true));
        }
        return options;
    }

    /** The {@code theme} field: empty (every need) or a theme code the API knows. */
    static String theme(Form form, Api api, String asked) {
        String theme = asked == null ? "" : asked.strip();
        form.set("theme", theme);
        if (!theme.isEmpty() && api.themes().stream().noneMatch(t -> t.code().equals(theme))) {
            form.error("theme", "Choisissez un besoin dans la liste.");
            return null;
        }
        return theme.isEmpty() ? null : theme;
    }

    static List<Option> themeOptions(Api api, String chosen) {
        List<Option> options = new ArrayList<>();
        options.add(new Option("", "Tous les besoins", chosen == null || chosen.isEmpty()));
        for (Dto.Theme t : api.themes()) {
            options.add(new Option(t.code(), t.parent() == null ? t.label() : "— " + t.label(), t.code().equals(chosen)));
        }
        return options;
    }

    /** An API refusal (400/403/404/422) on the field it names, else above the form. */
    static void refused(Form form, ApiRefusal refusal) {
        Dto.Problem p = refusal.problem;
        String field = p == null ? null : p.field();
        if (field == null && p != null && !p.violations().isEmpty()) {
            field = p.violations().get(0).field();
        }
        String ours = field == null ? null : FIELDS.get(field);
        String message = refusal.status == 403 && (p == null || p.detail() == null)
                ? "Ce territoire ne fait pas partie de ceux que vous coordonnez."
                : refusal.detail();
        if (ours != null) {
            form.error(ours, message);
        } else {
            form.general(message);
        }
    }

    /** « 26 000 » (narrow no-break space between thousands). */
    static String number(Number n) {
        return n == null ? "" : NumberFormat.getIntegerInstance(FR).format(n).replace('\u202f', '\u00a0');
    }

    /** « 15,8 % » */
    static String percent(Double share) {
        if (share == null) {
            return "";
        }
        String s = String.format(FR, "%.1f", share * 100).replace(",0", "");
        return s + "\u00a0%";
    }

    /** The API's CSV as it came (type, file name, body). */
    static Response csv(Response api) {
        byte[] body = api.readEntity(byte[].class);
        String type = api.getHeaderString("Content-Type");
        String disposition = api.getHeaderString("Content-Disposition");
        Response.ResponseBuilder r = Response.ok(body).type(type == null ? "text/csv; charset=utf-8" : type);
        r.header("Content-Disposition", disposition == null ? "attachment; filename=\"territoire.csv\"" : disposition);
        return r.build();
    }
}
