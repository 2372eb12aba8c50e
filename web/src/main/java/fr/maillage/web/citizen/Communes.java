package fr.maillage.web.citizen;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import fr.maillage.web.api.Api;
import fr.maillage.web.api.Dto;
import fr.maillage.web.api.PageNotFound;

/**
 * What the person typed in a commune field (a name, « Romagné (35133) », a postal code or an INSEE code) turned into
 * communes of the public communes API: one (found), several (the person chooses), or none.
 */
@ApplicationScoped
public class Communes {
    static final Pattern INSEE = Pattern.compile("^(\\d{5}|2[AaBb]\\d{3})$");
    private static final Pattern NAME_AND_POSTCODE = Pattern.compile("^(.+?)\\s*\\((\\d{5})\\)$");

    @Inject
    Api api;

    public record Match(List<Dto.Commune> communes) {
        public boolean found() {
            return communes.size() == 1;
        }

        public boolean ambiguous() {
            return communes.size() > 1;
        }

        public Dto.Commune commune() {
            return communes.get(0);
        }
    }

    /** A commune to pick among several of the same name: « Nom (code postal), département NN » and its page's link. */
    public record Choice(String label, String url) {
    }

    /**
     * The commune step of a search (the citizens' « Trouver de l'aide » and the desk's « Prendre un rendez-vous »): the
     * commune, or the choices when several match, or neither (not found: each page says so on its field).
     */
    public record Resolved(Dto.Commune commune, List<Choice> choices) {
        public boolean notFound() {
            return commune == null && choices.isEmpty();
        }
    }

    /**
     * Resolve-or-choices: the {@code insee} picked from a list wins, else what was typed; several communes → one
     * {@link Choice} each, linked by {@code link} (the page's own URL with its own parameters).
     */
    public Resolved resolve(String typed, String insee, java.util.function.Function<Dto.Commune, String> link) {
        Dto.Commune commune = insee == null || insee.isBlank() ? null : byCode(insee);
        if (commune != null) {
            return new Resolved(commune, List.of());
        }
        Match match = find(typed);
        if (match.found()) {
            return new Resolved(match.commune(), List.of());
        }
        List<Choice> choices = new java.util.ArrayList<>();
        if (match.ambiguous()) {
            for (Dto.Commune c : match.communes()) {
                choices.add(new Choice(c.label() + (c.departement() == null ? "" : ", département " + c.departement()),
                        link.apply(c)));
            }
        }
        return new Resolved(null, choices);
    }

    /** The commune of an INSEE code, or null. */
    public Dto.Commune byCode(String code) {
        if (code == null || !INSEE.matcher(code.trim()).matches()) {
            return null;
        }
        try {
            return api.read(a -> a.commune(code.trim().toUpperCase(Locale.ROOT)));
        } catch (PageNotFound e) {
            return null;
        }
    }

    public Match find(String typed) {
        String q = typed == null ? "" : typed.strip();
        if (q.length() < 2) {
            return new Match(List.of());
        }
        Map<String, Dto.Commune> found = new LinkedHashMap<>();
        Matcher named = NAME_AND_POSTCODE.matcher(q);
        if (named.matches()) {
            String name = named.group(1);
            String postcode = named.group(2);
            List<Dto.Commune> byName = search(name);
            for (Dto.Commune c : byName) {
                if (c.codesPostaux() != null && c.codesPostaux().contains(postcode) && same(c.nom(), name)) {
                    found.put(c.code(), c);
                }
            }
            if (found.isEmpty()) {
                byName.stream().filter(c -> c.codesPostaux() != null && c.codesPostaux().contains(postcode))
                        .forEach(c -> found.put(c.code(), c));
            }
            return new Match(new ArrayList<>(found.values()));
        }
        if (q.matches("\\d{5}")) {
            // Postal code first (what people know), then the INSEE code with those digits if it is another commune.
            for (Dto.Commune c : search(q)) {
                if (c.codesPostaux() != null && c.codesPostaux().contains(q)) {
                    found.put(c.code(), c);
                }
            }
            if (found.isEmpty()) {
                Dto.Commune c = byCode(q);
                if (c != null) {
                    found.put(c.code(), c);
                }
            }
            return new Match(new ArrayList<>(found.values()));
        }
        if (INSEE.matcher(q).matches()) {
            Dto.Commune c = byCode(q);
            return new Match(c == null ? List.of() : List.of(c));
        }
        List<Dto.Commune> results = search(q);
        // « Romagné » is the one in Ille-et-Vilaine; « Romagne » (no accent) may be any of three: the person chooses.
        List<Dto.Commune> verbatim = results.stream().filter(c -> c.nom() != null && c.nom().equalsIgnoreCase(q)).toList();
        if (verbatim.size() == 1) {
            return new Match(verbatim);
        }
        List<Dto.Commune> exact = results.stream().filter(c -> same(c.nom(), q)).toList();
        if (exact.size() == 1) {
            return new Match(exact);
        }
        if (!exact.isEmpty()) {
            return new Match(exact);
        }
        return new Match(results);
    }

    private List<Dto.Commune> search(String q) {
        return api.read(a -> a.communes(q.length() > 100 ? q.substring(0, 100) : q, 10)).items();
    }

    static boolean same(String a, String b) {
        return fold(a).equals(fold(b));
    }

    static String fold(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return n.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim().replaceAll("^saint ", "st ")
                .replaceAll(" saint ", " st ");
    }
}
