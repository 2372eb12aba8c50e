package fr.maillage.offers.territory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import fr.maillage.offers.domain.Coded;
import fr.maillage.offers.domain.Theme;
import fr.maillage.platform.geo.Plm;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import fr.maillage.platform.security.Territory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

/**
 * The one check of the territory a coverage or indicators request asks for (issue 20): exactly one of
 * {@code departement}, {@code epci} or (indicators only) {@code commune}, resolved against commune_ref, then allowed
 * for the caller. An admin sees every territory; a coordinator one whose communes ALL lie inside the union of the
 * territories of its token ({@code epci:<SIREN>} = the communes with that epci_code, {@code dep:<code>} = those with
 * that department_code) — so a département's coordinator may ask an EPCI inside it, not one straddling two
 * départements, and an EPCI's coordinator may not ask its département. Errors are problem+json naming the parameter:
 * 400 none/both (field {@code departement}) or malformed, 404 no commune, 403 out of scope (or no territory in the
 * token).
 *
 * <p>A resolved territory is cached for ten minutes (commune_ref changes only when a new reference file is loaded at
 * start-up); the scope is checked at every call, on the request's caller.
 */
@ApplicationScoped
public class TerritoryScope {
    private static final Pattern DEPARTEMENT = Pattern.compile("2A|2B|\\d{2,3}");
    private static final Pattern EPCI = Pattern.compile("\\d{9}");
    private static final Pattern COMMUNE = Pattern.compile("[0-9][0-9AB][0-9]{3}");

    /** A commune of a territory and what the scope check needs of it. */
    private record Member(String code, String departement, String epci) {
    }

    private record Resolved(SelectedTerritory territory, List<Member> members) {
    }

    private record Key(String type, String code) {
    }

    private final Caller caller;
    private final DataSource dataSource;
    private final LoadingCache<Key, Optional<Resolved>> resolved = Caffeine.newBuilder()
            .maximumSize(2_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build(this::read);

    TerritoryScope(Caller caller, DataSource dataSource) {
        this.caller = caller;
        this.dataSource = dataSource;
    }

    /**
     * The territory asked for, if the caller may see it.
     *
     * @param communeAllowed whether {@code commune} is a possible selection (indicators: yes; coverage: no, and a
     *                       {@code commune} given there is a 400)
     */
    public SelectedTerritory resolve(String departement, String epci, String commune, boolean communeAllowed) {
        departement = blankToNull(departement);
        epci = blankToNull(epci);
        commune = blankToNull(commune);
        if (commune != null && !communeAllowed) {
            throw Problem.badRequest("commune", "Ce calcul se fait par département ou par EPCI : indiquez departement"
                    + " (ex. 80) ou epci (SIREN à 9 chiffres), pas commune.");
        }
        int given = (departement != null ? 1 : 0) + (epci != null ? 1 : 0) + (commune != null ? 1 : 0);
        if (given != 1) {
            throw Problem.badRequest("departement", "Indiquez un et un seul territoire : departement (code du département,"
                    + " ex. 80, 2A, 974) ou epci (SIREN à 9 chiffres, ex. 248000531)"
                    + (communeAllowed ? " ou commune (code INSEE, ex. 80021)" : "") + ".");
        }
        Key key;
        if (departement != null) {
            String code = departement.toUpperCase(Locale.ROOT);
            if (!DEPARTEMENT.matcher(code).matches()) {
                throw Problem.badRequest("departement", "departement attend un code de département : 2 chiffres (ex. 80),"
                        + " 2A, 2B ou 3 chiffres outre-mer (ex. 974).");
            }
            key = new Key(SelectedTerritory.DEPARTEMENT, code);
        } else if (epci != null) {
            if (!EPCI.matcher(epci).matches()) {
                throw Problem.badRequest("epci", "epci attend le SIREN de l'EPCI : 9 chiffres (ex. 248000531).");
            }
            key = new Key(SelectedTerritory.EPCI, epci);
        } else {
            String code = commune.toUpperCase(Locale.ROOT);
            if (!COMMUNE.matcher(code).matches()) {
                throw Problem.badRequest("commune", "commune attend un code INSEE de 5 caractères (ex. 80021, 2A004).");
            }
            key = new Key(SelectedTerritory.COMMUNE, code);
        }
        Resolved found = resolved.get(key).orElseThrow(() -> Problem.notFound(key.type(), switch (key.type()) {
            case SelectedTerritory.DEPARTEMENT -> "Aucune commune connue dans le département « " + key.code() + " ».";
            case SelectedTerritory.EPCI -> "Aucune commune connue dans l'EPCI « " + key.code() + " » : vérifiez son SIREN.";
            default -> "Commune inconnue : le code INSEE « " + key.code() + " » n'existe pas.";
        }));
        requireInScope(key.type(), found);
        return found.territory();
    }

    private void requireInScope(String field, Resolved found) {
        if (caller.isAdmin()) {
            return;
        }
        List<Territory> mine = caller.territories();
        if (mine.isEmpty()) {
            throw Problem.forbidden(field, "Ce territoire ne fait pas partie de ceux que vous coordonnez : votre jeton"
                    + " ne désigne aucun territoire (claim territory, ex. epci:248000531 ou dep:80).");
        }
        Set<String> deps = codes(mine, Territory.Kind.DEPARTEMENT);
        Set<String> epcis = codes(mine, Territory.Kind.EPCI);
        boolean inside = found.members().stream()
                .allMatch(m -> deps.contains(m.departement()) || (m.epci() != null && epcis.contains(m.epci())));
        if (!inside) {
            SelectedTerritory t = found.territory();
            throw Problem.forbidden(field, "Ce territoire ne fait pas partie de ceux que vous coordonnez : " + t.name()
                    + " (" + field + " " + t.code() + ") n'est pas entièrement compris dans "
                    + mine.stream().map(Territory::toString).collect(Collectors.joining(", ")) + ".");
        }
    }

    /** The need of a territory request ({@code theme}): null when absent, else a known Theme code (400 naming it). */
    static Theme theme(String theme) {
        if (theme == null || theme.isBlank()) {
            return null;
        }
        return Coded.parse(Theme.class, theme.strip()).orElseThrow(() -> Problem.badRequest("theme", "Thème inconnu « "
                + theme.strip() + " » : codes possibles " + Coded.codes(Theme.class) + " (GET /api/v1/offers/themes)."));
    }

    private static Set<String> codes(List<Territory> territories, Territory.Kind kind) {
        return territories.stream().filter(t -> t.kind() == kind).map(Territory::code).collect(Collectors.toSet());
    }

    private Optional<Resolved> read(Key key) {
        String column = switch (key.type()) {
            case SelectedTerritory.DEPARTEMENT -> "department_code";
            case SelectedTerritory.EPCI -> "epci_code";
            default -> "insee_code";
        };
        List<Member> members = new ArrayList<>();
        String epciName = null;
        String communeName = null;
        try (Connection con = dataSource.getConnection();
                PreparedStatement ps = con.prepareStatement("SELECT insee_code, name, department_code, epci_code, epci_name"
                        + " FROM commune_ref WHERE " + column + " = ? ORDER BY insee_code")) {
            ps.setString(1, key.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!"insee_code".equals(column) && Plm.isArrondissement(rs.getString(1))) {
                        continue; // Paris, Lyon, Marseille count once, as communes, in a département or an EPCI
                    }
                    members.add(new Member(rs.getString(1), rs.getString(3), rs.getString(4)));
                    if (epciName == null) {
                        epciName = rs.getString(5);
                    }
                    communeName = rs.getString(2);
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("Reading the communes of a territory failed: " + e.getMessage(), e);
        }
        if (members.isEmpty()) {
            return Optional.empty();
        }
        String departement = mainDepartement(members);
        String name = switch (key.type()) {
            case SelectedTerritory.DEPARTEMENT -> Departements.name(key.code());
            case SelectedTerritory.EPCI -> epciName != null ? epciName : "EPCI " + key.code();
            default -> communeName;
        };
        List<String> codes = members.stream().map(Member::code).toList();
        return Optional.of(new Resolved(new SelectedTerritory(key.type(), key.code(), name, departement, codes),
                List.copyOf(members)));
    }

    /** The département holding most of the communes (the smallest code on a tie). */
    private static String mainDepartement(List<Member> members) {
        Map<String, Long> counts = members.stream().filter(m -> m.departement() != null)
                .collect(Collectors.groupingBy(Member::departement, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().max(Comparator.comparingLong(Map.Entry<String, Long>::getValue)
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder())).map(Map.Entry::getKey).orElse(null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
