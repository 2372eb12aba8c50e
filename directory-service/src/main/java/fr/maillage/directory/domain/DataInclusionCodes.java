package fr.maillage.directory.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The one place where the directory's vocabulary (the {@link Standard standard des lieux de médiation numérique} v1.0,
 * in French labels) becomes <b>data·inclusion's codes</b> (schema v1, {@value #SCHEMA_VERSION}). The codes themselves
 * are data·inclusion's: the schema is shipped unchanged in {@code src/main/resources/data-inclusion/v1/{structure,service}.json}
 * (enumerations in its {@code $defs}) and {@code DataInclusionCodesTest} checks that every code below belongs to it and
 * that every value of the standard has an entry (an empty list: deliberately no equivalent).
 * <p>
 * Source of the correspondences: data·inclusion's own pipeline, which reads the national cartography (same standard)
 * into schema v1 — github.com/gip-inclusion/data-inclusion at commit d4969e37319c7c43732fb84e77bf8a030321f781
 * (2026-06-30), {@code pipeline/dbt/models/intermediate/v1/001_mappings/mediation_numerique/_map_mediation_numerique__*.sql}
 * and {@code int_mediation_numerique__services_v1.sql} (frais, publics, modes d'accueil, type, fallbacks), and
 * {@code .../dora/_map_dora__reseaux_porteurs__typologie.sql} for the typologies of structures (the standard's
 * {@code typologie} uses data·inclusion's former typology codes). Maillage's own additions are marked « Maillage ».
 */
public final class DataInclusionCodes {
    /** Version of the data·inclusion schema the codes come from (tag of gip-inclusion/data-inclusion-schema). */
    public static final String SCHEMA_VERSION = "1.0.8";
    /** Classpath resources of the shipped schema. */
    public static final String STRUCTURE_SCHEMA = "data-inclusion/v1/structure.json";
    public static final String SERVICE_SCHEMA = "data-inclusion/v1/service.json";

    private DataInclusionCodes() {
    }

    /** Standard service → thématiques (data·inclusion's mapping, unchanged). */
    public static final Map<String, List<String>> THEMATIQUES = ordered(
            "Aide aux démarches administratives", List.of(
                    "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
                    "numerique--acceder-a-des-services-en-ligne"),
            "Maîtrise des outils numériques du quotidien", List.of(
                    "numerique--maitriser-les-fondamentaux-du-numerique",
                    "numerique--acceder-a-des-services-en-ligne"),
            "Insertion professionnelle via le numérique", List.of(
                    "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
                    "numerique--maitriser-les-fondamentaux-du-numerique"),
            "Utilisation sécurisée du numérique", List.of("numerique--maitriser-les-fondamentaux-du-numerique"),
            "Parentalité et éducation avec le numérique", List.of(
                    "famille--soutien-a-la-parentalite-et-a-leducation",
                    "numerique--maitriser-les-fondamentaux-du-numerique"),
            "Loisirs et créations numériques", List.of(
                    "remobilisation--activites-sportives-et-culturelles",
                    "numerique--maitriser-les-fondamentaux-du-numerique"),
            "Compréhension du monde numérique", List.of("numerique--maitriser-les-fondamentaux-du-numerique"),
            "Accès internet et matériel informatique", List.of(
                    "numerique--acceder-a-une-connexion-internet",
                    "numerique--acquerir-un-equipement"),
            "Acquisition de matériel informatique à prix solidaire", List.of("numerique--acquerir-un-equipement"));

    /** Standard public → publics. */
    public static final Map<String, List<String>> PUBLICS = ordered(
            "Jeunes", List.of("jeunes"),
            "Étudiants", List.of("etudiants"),
            "Familles et/ou enfants", List.of("familles"),
            "Seniors", List.of("seniors"),
            "Femmes", List.of("femmes"));

    /** Standard prise en charge spécifique → publics (illettrisme: no public of data·inclusion, kept in the précisions). */
    public static final Map<String, List<String>> PUBLICS_PRISE_EN_CHARGE = ordered(
            "Surdité", List.of("personnes-en-situation-de-handicap"),
            "Handicaps moteurs", List.of("personnes-en-situation-de-handicap"),
            "Handicaps mentaux", List.of("personnes-en-situation-de-handicap"),
            "Illettrisme", List.of(),
            "Langues étrangères (anglais)", List.of("personnes-exilees"),
            "Langues étrangères (autres)", List.of("personnes-exilees"),
            "Déficience visuelle", List.of("personnes-en-situation-de-handicap"));

    /** Public of a service open to everyone (data·inclusion: alone, never with another value). */
    public static final String TOUS_PUBLICS = "tous-publics";

    /** Standard frais à charge → frais (one value in v1; « Gratuit sous condition » is free, the condition goes to frais_precisions). */
    public static final Map<String, List<String>> FRAIS = ordered(
            "Gratuit", List.of("gratuit"),
            "Gratuit sous condition", List.of("gratuit"),
            "Payant", List.of("payant"));

    /** Standard modalités d'accès → modes de mobilisation. */
    public static final Map<String, List<String>> MODES_MOBILISATION = ordered(
            "Se présenter", List.of("se-presenter"),
            "Téléphoner", List.of("telephoner"),
            "Contacter par mail", List.of("envoyer-un-courriel"),
            "Prendre un RDV en ligne", List.of("utiliser-lien-mobilisation"),
            "Ce lieu n'accueille pas de public", List.of(),
            "Envoyer un mail avec une fiche de prescription", List.of("envoyer-un-courriel"));

    /** Standard modalités d'accompagnement → type of service (data·inclusion keeps one: {@link #type}). */
    public static final Map<String, List<String>> TYPES = ordered(
            "En autonomie", List.of("aide-materielle"),
            "Accompagnement individuel", List.of("accompagnement"),
            "Dans un atelier collectif", List.of("atelier"),
            "À distance", List.of());

    /** Standard modalités d'accompagnement → modes d'accueil: « À distance » adds a-distance; always en-presentiel (a place). */
    public static final Map<String, List<String>> MODES_ACCUEIL = ordered(
            "En autonomie", List.of("en-presentiel"),
            "Accompagnement individuel", List.of("en-presentiel"),
            "Dans un atelier collectif", List.of("en-presentiel"),
            "À distance", List.of("a-distance", "en-presentiel"));

    /** Standard dispositifs / programmes nationaux → réseaux porteurs. */
    public static final Map<String, List<String>> RESEAUX_PORTEURS_PROGRAMMES = ordered(
            "Aidants Connect", List.of("aidants-connect"),
            "Bibliothèques numérique de référence", List.of(),
            "Certification PIX", List.of(),
            "Conseillers numériques", List.of("conseillers-numeriques"),
            "Emmaüs Connect", List.of("emmaus"), // Maillage: data·inclusion's mediation_numerique map has no entry
            "France Services", List.of("france-service"),
            "Grande école du numérique", List.of("grandes-ecoles-du-numerique"),
            "La Croix Rouge", List.of("croix-rouge"),
            "Point d'accès numérique CAF", List.of(),
            "Promeneurs du net", List.of(),
            "Relais numérique (Emmaüs Connect)", List.of("emmaus")); // Maillage, as above

    /** Typologie of structure (data·inclusion's former codes, used by the standard) → réseaux porteurs (dora's map). */
    public static final Map<String, List<String>> RESEAUX_PORTEURS_TYPOLOGIES = typologies();

    /**
     * dora's map, for the typologies the standard lists; three are Maillage's (dora's map has no or an empty entry, the
     * réseau exists in v1): ESAT → esat, FABRIQUE → fabrique-de-territoire, RESSOURCERIE → ressourceries.
     */
    private static Map<String, List<String>> typologies() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        String[][] pairs = {
                { "ACI", "aci" }, { "ACIPHC", "aci" }, { "AFPA", "afpa" }, { "AI", null }, { "ASE", "ase" },
                { "ASSO", null }, { "ASSO_CHOMEUR", null }, { "Autre", null }, { "AVIP", "creches-avip" }, { "BIB", null },
                { "CAARUD", "caarud" }, { "CADA", "cada" }, { "CAF", "caf" }, { "CAP_EMPLOI", "cap-emploi-reseau-cheops" },
                { "CAVA", "cava" }, { "CC", "ccas-cias" }, { "CCAS", "ccas-cias" }, { "CCONS", "chambres-consulaires" },
                { "CD", "departements" }, { "CDAS", "departements" }, { "CFP", null }, { "CHRS", "chrs" }, { "CHU", "chu" },
                { "CIAS", "ccas-cias" }, { "CIDFF", "cidff" }, { "CITMET", null }, { "CMP", "cmp" }, { "CMS", "cms" },
                { "CPAM", "cpam" }, { "CPH", "cph" }, { "CS", "fcsf" }, { "CSAPA", "csapa" }, { "CSC", "fcsf" },
                { "DEETS", "regions" }, { "DEPT", "departements" }, { "DIPLP", null }, { "E2C", "ecoles-de-la-deuxieme-chance" },
                { "EA", "unea" }, { "EATT", "unea" }, { "EI", "ei" }, { "EITI", "eiti" }, { "ENM", "espaces-publics-numeriques" },
                { "EPCI", "communes" }, { "EPI", "espaces-publics-numeriques" }, { "EPIDE", "epide" },
                { "EPN", "espaces-publics-numeriques" }, { "ES", null }, { "ESAT", "esat" }, { "ESS", null }, { "ETTI", "etti" },
                { "EVS", "caf" }, { "FABLAB", null }, { "FABRIQUE", "fabrique-de-territoire" },
                { "FAIS", "federation-des-acteurs-de-la-solidarite" }, { "FT", "france-travail" }, { "GEIQ", "geiq" },
                { "HUDA", "huda" }, { "LA_POSTE", "la-poste" }, { "MDE", "maisons-de-l-emploi" }, { "MDEF", "maisons-de-l-emploi" },
                { "MDH", null }, { "MDPH", "mdph" }, { "MDS", "maisons-des-solidarites" }, { "MJC", "mjc" },
                { "ML", "mission-locale" }, { "MQ", "communes" }, { "MSA", "mutualite-sociale-agricole" }, { "MSAP", "msap" },
                { "MUNI", "communes" }, { "OACAS", null }, { "ODC", null }, { "OF", null }, { "OIL", null }, { "OPCS", null },
                { "PAD", null }, { "PENSION", null }, { "PI", null }, { "PIJ_BIJ", "reseau-information-jeunesse" },
                { "PIMMS", "pimms-mediation" }, { "PJJ", "pjj" }, { "PLIE", "plie" }, { "PREF", "regions" },
                { "PREVENTION", null }, { "REG", "regions" }, { "RELAIS_LECTURE", null }, { "RESSOURCERIE", "ressourceries" },
                { "RFS", "france-service" }, { "RS_FJT", "residences-fjt" }, { "SCP", null }, { "SPIP", "spip" },
                { "TIERS_LIEUX", null }, { "UDAF", "departements" } };
        for (String[] p : pairs) {
            m.put(p[0], p[1] == null ? List.of() : List.of(p[1]));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The thématiques of one standard service (empty for an unknown one). */
    public static List<String> thematiques(String service) {
        return THEMATIQUES.getOrDefault(service, List.of());
    }

    /** One frais: gratuit when any « Gratuit… » value is given, payant when only « Payant », null when none. */
    public static String frais(Collection<String> frais) {
        List<String> codes = codes(FRAIS, frais);
        return codes.contains("gratuit") ? "gratuit" : codes.contains("payant") ? "payant" : null;
    }

    /** Publics and prises en charge → publics, or {@code [tous-publics]} when none maps (data·inclusion's rule). */
    public static List<String> publics(Collection<String> publics, Collection<String> priseEnCharge) {
        TreeSet<String> codes = new TreeSet<>(codes(PUBLICS, publics));
        codes.addAll(codes(PUBLICS_PRISE_EN_CHARGE, priseEnCharge));
        return codes.isEmpty() ? List.of(TOUS_PUBLICS) : List.copyOf(codes);
    }

    /** Modes d'accueil: en-presentiel, plus a-distance when the place also helps remotely. */
    public static List<String> modesAccueil(Collection<String> modalitesAccompagnement) {
        List<String> codes = codes(MODES_ACCUEIL, modalitesAccompagnement);
        return codes.isEmpty() ? List.of("en-presentiel") : codes;
    }

    /**
     * Modes de mobilisation from the modalités d'accès; when none maps, from the contact the place publishes
     * (telephoner, envoyer-un-courriel, utiliser-lien-mobilisation: data·inclusion's fallback). Null when nothing
     * (the schema wants at least one item).
     */
    public static List<String> modesMobilisation(Collection<String> modalitesAcces, String phone, String email, String rdvUrl) {
        List<String> codes = codes(MODES_MOBILISATION, modalitesAcces);
        if (codes.isEmpty()) {
            TreeSet<String> fallback = new TreeSet<>();
            if (phone != null) {
                fallback.add("telephoner");
            }
            if (email != null) {
                fallback.add("envoyer-un-courriel");
            }
            if (rdvUrl != null) {
                fallback.add("utiliser-lien-mobilisation");
            }
            codes = List.copyOf(fallback);
        }
        return codes.isEmpty() ? null : codes;
    }

    /** One type: aide-materielle, else atelier, else accompagnement (data·inclusion's order), else null. */
    public static String type(Collection<String> modalitesAccompagnement) {
        List<String> codes = codes(TYPES, modalitesAccompagnement);
        for (String t : List.of("aide-materielle", "atelier", "accompagnement")) {
            if (codes.contains(t)) {
                return t;
            }
        }
        return null;
    }

    /** Réseaux porteurs from the programmes and the typologies, or null when none. */
    public static List<String> reseauxPorteurs(Collection<String> programmes, Collection<String> typologies) {
        TreeSet<String> codes = new TreeSet<>(codes(RESEAUX_PORTEURS_PROGRAMMES, programmes));
        codes.addAll(codes(RESEAUX_PORTEURS_TYPOLOGIES, typologies));
        return codes.isEmpty() ? null : List.copyOf(codes);
    }

    /** Every mapping, by the name of the standard's field it reads (for the tests and the README). */
    public static Map<String, Map<String, List<String>>> all() {
        Map<String, Map<String, List<String>>> all = new LinkedHashMap<>();
        all.put("services", THEMATIQUES);
        all.put("publics_specifiquement_adresses", PUBLICS);
        all.put("prise_en_charge_specifique", PUBLICS_PRISE_EN_CHARGE);
        all.put("frais_a_charge", FRAIS);
        all.put("modalites_acces", MODES_MOBILISATION);
        all.put("modalites_accompagnement (type)", TYPES);
        all.put("modalites_accompagnement (modes_accueil)", MODES_ACCUEIL);
        all.put("dispositif_programmes_nationaux", RESEAUX_PORTEURS_PROGRAMMES);
        all.put("typologie", RESEAUX_PORTEURS_TYPOLOGIES);
        return all;
    }

    /** The distinct codes of the values, sorted (unknown values are skipped: the directory only stores the standard's). */
    private static List<String> codes(Map<String, List<String>> map, Collection<String> values) {
        TreeSet<String> codes = new TreeSet<>();
        if (values != null) {
            for (String v : values) {
                codes.addAll(map.getOrDefault(v, List.of()));
            }
        }
        return new ArrayList<>(codes);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> ordered(Object... pairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (List<String>) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
