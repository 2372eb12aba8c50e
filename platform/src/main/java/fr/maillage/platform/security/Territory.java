package fr.maillage.platform.security;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A territory a coordinator is in charge of, as a token names it: an EPCI by its SIREN ({@code epci:248000531}) or a
 * département by its code ({@code dep:80}, {@code dep:2A}, {@code dep:974}). Which communes it holds is the services'
 * business (they know the communes); this is only the claim's value, checked.
 */
public record Territory(Kind kind, String code) {
    public enum Kind {
        EPCI("epci"), DEPARTEMENT("dep");

        public final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final Pattern VALUE = Pattern.compile("(epci):(\\d{9})|(dep):(2A|2B|\\d{2,3})");

    /** {@code epci:<9 digits>} or {@code dep:<code>} (case and surrounding blanks ignored); empty otherwise. */
    public static Optional<Territory> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = VALUE.matcher(value.strip().toUpperCase(Locale.ROOT).replace("EPCI:", "epci:").replace("DEP:", "dep:"));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null ? new Territory(Kind.EPCI, m.group(2)) : new Territory(Kind.DEPARTEMENT, m.group(4)));
    }

    /** The claim's spelling: {@code epci:248000531}, {@code dep:80}. */
    @Override
    public String toString() {
        return kind.prefix + ":" + code;
    }
}
