package fr.maillage.web.territory;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A territory as the pages name it in their address: {@code dep:80}, {@code epci:248000531} (as the coordinator's token
 * does) or, for the indicators, {@code commune:80338}. Turned into the API's one parameter ({@code departement},
 * {@code epci} or {@code commune}).
 */
public record Selection(String kind, String code) {
    private static final Pattern FORM = Pattern.compile("(dep|epci|commune):(.+)");
    private static final Pattern DEPARTEMENT = Pattern.compile("\\d{2}|2A|2B|97\\d");
    private static final Pattern EPCI = Pattern.compile("\\d{9}");
    private static final Pattern COMMUNE = Pattern.compile("\\d{5}|2[AB]\\d{3}");

    /** The value read, or empty when it is not one of the forms above (the field's error says which). */
    public static Optional<Selection> parse(String value, boolean communeAllowed) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(value.strip().replace(" ", ""));
        if (!m.matches()) {
            return Optional.empty();
        }
        String kind = m.group(1);
        String code = m.group(2).toUpperCase(Locale.ROOT);
        boolean ok = switch (kind) {
            case "dep" -> DEPARTEMENT.matcher(code).matches();
            case "epci" -> EPCI.matcher(code).matches();
            default -> communeAllowed && COMMUNE.matcher(code).matches();
        };
        return ok ? Optional.of(new Selection(kind, code)) : Optional.empty();
    }

    public String departement() {
        return kind.equals("dep") ? code : null;
    }

    public String epci() {
        return kind.equals("epci") ? code : null;
    }

    public String commune() {
        return kind.equals("commune") ? code : null;
    }

    /** The value of the {@code territoire} parameter. */
    public String value() {
        return kind + ":" + code;
    }

    /** Before the API has named it: « Département 80 », « Intercommunalité (EPCI) 248000531 », « Commune 80338 ». */
    public String label() {
        return switch (kind) {
            case "dep" -> "Département " + code;
            case "epci" -> "Intercommunalité (EPCI) " + code;
            default -> "Commune " + code;
        };
    }
}
