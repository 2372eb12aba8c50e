package fr.maillage.directory.service;

import static fr.maillage.directory.domain.DataInclusionCodes.frais;
import static fr.maillage.directory.domain.DataInclusionCodes.modesAccueil;
import static fr.maillage.directory.domain.DataInclusionCodes.modesMobilisation;
import static fr.maillage.directory.domain.DataInclusionCodes.publics;
import static fr.maillage.directory.domain.DataInclusionCodes.reseauxPorteurs;
import static fr.maillage.directory.domain.DataInclusionCodes.thematiques;
import static fr.maillage.directory.domain.DataInclusionCodes.type;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import fr.maillage.directory.domain.DataInclusionCodes;
import fr.maillage.directory.domain.Identifiers;
import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.domain.Place;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Places in data·inclusion's schema v1 ({@value DataInclusionCodes#SCHEMA_VERSION}): one structure per place (the place
 * is where people are received), one service per standard service it offers. Every coded field carries
 * data·inclusion's codes, from {@link DataInclusionCodes} (the one mapping); field names, lengths and formats follow the
 * shipped schema ({@code data-inclusion/v1/*.json}). No person's data: the contacts are the place's public ones.
 */
@ApplicationScoped
public class DataInclusionExport {
    /** data·inclusion's `source`: the producer's identifier. */
    static final String SOURCE = "maillage";
    private static final int NOM_MAX = 150;
    private static final int DESCRIPTION_MIN = 5;
    private static final int DESCRIPTION_MAX = 10_000;

    private final PlaceSearchService search;

    DataInclusionExport(PlaceSearchService search) {
        this.search = search;
    }

    /** {@code {schema_version, structures, services, generated}}. */
    public Map<String, Object> export() {
        List<Place> all = Place.listAll(Sort.by("name").and("id"));
        Map<UUID, Partner> partners = new HashMap<>();
        Partner.<Partner>listAll().forEach(p -> partners.put(p.id, p));
        Map<String, String> communeNames = search.communeNames(all.stream().map(p -> p.inseeCode).distinct().toList());
        List<Map<String, Object>> structures = new ArrayList<>();
        List<Map<String, Object>> services = new ArrayList<>();
        for (Place p : all) {
            String id = p.sourceId != null ? p.sourceId : p.id.toString();
            Partner partner = partners.get(p.partnerId);
            String commune = communeNames.get(p.inseeCode);
            String dateMaj = (p.dateMaj != null ? p.dateMaj : p.updatedAt.toLocalDate()).toString();
            String nom = clip(p.name, NOM_MAX);

            Map<String, Object> s = new LinkedHashMap<>();
            s.put("source", SOURCE);
            s.put("id", id);
            s.put("nom", nom);
            s.put("date_maj", dateMaj);
            s.put("lien_source", null);
            s.put("siret", siret(partner));
            s.put("telephone", p.phone);
            s.put("courriel", p.email);
            s.put("site_web", p.website);
            s.put("description", description(p.presentation));
            s.put("horaires_accueil", p.openingHours);
            s.put("accessibilite_lieu", p.acceslibreUrl);
            s.put("reseaux_porteurs", reseauxPorteurs(p.programmes,
                    Stream.concat(p.typologies.stream(), partner == null ? Stream.empty() : partner.typologies.stream()).toList()));
            address(s, p, commune);
            structures.add(s);

            int n = 0;
            for (String service : p.services) {
                Map<String, Object> sv = new LinkedHashMap<>();
                sv.put("source", SOURCE);
                sv.put("id", id + "--" + (++n));
                sv.put("structure_id", id);
                sv.put("nom", clip(service, NOM_MAX));
                String description = description(p.presentation);
                sv.put("description", description != null ? description
                        : clip(service + " — " + p.name + (commune == null ? "" : " (" + commune + ")") + ".", DESCRIPTION_MAX));
                sv.put("date_maj", dateMaj);
                sv.put("type", type(p.modalitesAccompagnement));
                sv.put("thematiques", thematiques(service));
                sv.put("frais", frais(p.frais));
                sv.put("frais_precisions", p.frais.isEmpty() || p.frais.equals(List.of("Gratuit")) ? null : String.join(", ", p.frais));
                sv.put("publics", publics(p.publics, p.priseEnCharge));
                List<String> precisions = Stream.concat(p.publics.stream(), p.priseEnCharge.stream()).toList();
                sv.put("publics_precisions", precisions.isEmpty() ? null : String.join(", ", precisions));
                sv.put("conditions_acces", null);
                sv.put("telephone", p.phone);
                sv.put("courriel", p.email);
                sv.put("contact_nom_prenom", null); // never a person's name: the place's public contact only
                sv.put("lien_source", null);
                sv.put("lien_mobilisation", p.priseRdvUrl);
                sv.put("modes_accueil", modesAccueil(p.modalitesAccompagnement));
                sv.put("modes_mobilisation", modesMobilisation(p.modalitesAcces, p.phone, p.email, p.priseRdvUrl));
                sv.put("mobilisable_par", List.of("usagers", "professionnels"));
                sv.put("mobilisation_precisions", null);
                sv.put("zone_eligibilite", zone(p));
                sv.put("horaires_accueil", p.openingHours);
                sv.put("volume_horaire_hebdomadaire", null);
                sv.put("nombre_semaines", null);
                address(sv, p, commune);
                services.add(sv);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schema_version", DataInclusionCodes.SCHEMA_VERSION);
        out.put("structures", structures);
        out.put("services", services);
        out.put("generated", LocalDate.now().toString());
        return out;
    }

    private static void address(Map<String, Object> m, Place p, String commune) {
        m.put("adresse", p.street);
        m.put("complement_adresse", p.complement);
        m.put("code_postal", p.postalCode);
        m.put("code_insee", p.inseeCode);
        m.put("commune", commune);
        m.put("latitude", p.latitude);
        m.put("longitude", p.longitude);
    }

    /** The partner's SIRET when it is one (an RNA has no field in v1; a SIRET stored before a rule was added is left out). */
    private static String siret(Partner partner) {
        if (partner == null || partner.siret == null) {
            return null;
        }
        return Identifiers.siretProblem(partner.siret) == null ? partner.siret : null;
    }

    private static String description(String presentation) {
        if (presentation == null || presentation.strip().length() < DESCRIPTION_MIN) {
            return null;
        }
        return clip(presentation.strip(), DESCRIPTION_MAX);
    }

    /**
     * Zone d'éligibilité: the départements of the place's commune and of the communes it serves (data·inclusion reads
     * the national cartography's places with their département: 3 digits overseas, 2A/2B in Corsica).
     */
    private static List<String> zone(Place p) {
        Set<String> deps = new LinkedHashSet<>();
        Stream.concat(Stream.ofNullable(p.inseeCode), p.servedCommunes.stream()).forEach(insee -> {
            if (insee != null && insee.length() == 5) {
                deps.add(insee.startsWith("97") || insee.startsWith("98") ? insee.substring(0, 3) : insee.substring(0, 2));
            }
        });
        return deps.isEmpty() ? null : List.copyOf(deps);
    }

    private static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
