package fr.maillage.directory.domain;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;

/** Column names of the standard des lieux de médiation numérique v1.0, in the published order. */
public final class StandardColumns {
    public static final List<String> ALL = List.of("id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse",
            "complement_adresse", "latitude", "longitude", "typologie", "telephone", "courriels", "site_web", "horaires",
            "presentation_resume", "presentation_detail", "source", "itinerance", "structure_parente", "date_maj", "services",
            "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
            "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels", "modalites_acces",
            "modalites_accompagnement", "fiche_acces_libre", "prise_rdv");

    /** Field paths of the REST model → the standard's column, so the import report speaks the file's language. */
    public static final Map<String, String> FROM_FIELD = Map.ofEntries(
            Map.entry("partnerId", "pivot"), Map.entry("name", "nom"), Map.entry("address", "adresse"),
            Map.entry("address.street", "adresse"), Map.entry("address.complement", "complement_adresse"),
            Map.entry("address.postalCode", "code_postal"), Map.entry("address.inseeCode", "code_insee"),
            Map.entry("latitude", "latitude"), Map.entry("longitude", "longitude"), Map.entry("openingHours", "horaires"),
            Map.entry("phone", "telephone"), Map.entry("email", "courriels"), Map.entry("website", "site_web"),
            Map.entry("presentation", "presentation_resume"), Map.entry("typologies", "typologie"),
            Map.entry("services", "services"), Map.entry("publics", "publics_specifiquement_adresses"),
            Map.entry("priseEnCharge", "prise_en_charge_specifique"), Map.entry("frais", "frais_a_charge"),
            Map.entry("programmes", "dispositif_programmes_nationaux"), Map.entry("formationsLabels", "formations_labels"),
            Map.entry("modalitesAcces", "modalites_acces"), Map.entry("modalitesAccompagnement", "modalites_accompagnement"),
            Map.entry("itinerance", "itinerance"), Map.entry("acceslibreUrl", "fiche_acces_libre"),
            Map.entry("priseRdvUrl", "prise_rdv"), Map.entry("dateMaj", "date_maj"));

    /** Without these a row cannot become a place: a problem with them rejects the row. */
    public static final List<String> BLOCKING = List.of("id", "pivot", "nom", "adresse", "code_postal", "code_insee", "commune",
            "services");

    private StandardColumns() {
    }

    /**
     * The standard column a header in a partner's file most likely means: exact, else the same ignoring
     * case and accents, else one within two typing mistakes; null when none is close.
     */
    public static String match(String header) {
        String h = header.strip();
        if (ALL.contains(h)) {
            return h;
        }
        String folded = fold(h);
        String best = null;
        int bestDistance = 3;
        for (String column : ALL) {
            if (column.equals(folded)) {
                return column;
            }
            int d = distance(folded, column);
            if (d < bestDistance) {
                bestDistance = d;
                best = column;
            }
        }
        return best;
    }

    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase().replace(' ', '_');
    }

    /** Levenshtein distance (small strings: the plain dynamic programme is enough). */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
