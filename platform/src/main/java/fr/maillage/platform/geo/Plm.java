package fr.maillage.platform.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * Paris, Lyon and Marseille (« PLM ») and their arrondissements municipaux (COG): 75101-75120 belong to Paris
 * (75056), 69381-69389 to Lyon (69123), 13201-13216 to Marseille (13055). An arrondissement is not a commune but
 * has an INSEE code of its own, which addresses and imported places use.
 */
public final class Plm {
    public static final String PARIS = "75056";
    public static final String LYON = "69123";
    public static final String MARSEILLE = "13055";

    private Plm() {
    }

    /** The commune an arrondissement municipal belongs to, or null when {@code code} is not one. */
    public static String parentOf(String code) {
        if (code == null || code.length() != 5) {
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return null;
        }
        if (n >= 75101 && n <= 75120) {
            return PARIS;
        }
        if (n >= 69381 && n <= 69389) {
            return LYON;
        }
        if (n >= 13201 && n <= 13216) {
            return MARSEILLE;
        }
        return null;
    }

    public static boolean isArrondissement(String code) {
        return parentOf(code) != null;
    }

    /** The arrondissements municipaux of Paris, Lyon or Marseille; empty for any other code. */
    public static List<String> arrondissementsOf(String code) {
        int first;
        int last;
        if (PARIS.equals(code)) {
            first = 75101;
            last = 75120;
        } else if (LYON.equals(code)) {
            first = 69381;
            last = 69389;
        } else if (MARSEILLE.equals(code)) {
            first = 13201;
            last = 13216;
        } else {
            return List.of();
        }
        List<String> codes = new ArrayList<>();
        for (int n = first; n <= last; n++) {
            codes.add(Integer.toString(n));
        }
        return List.copyOf(codes);
    }

    /**
     * The codes a search by {@code code} covers: the commune itself and, for Paris, Lyon or Marseille, its
     * arrondissements (a place in the 8e is in Paris); an arrondissement or any other commune covers only itself.
     */
    public static List<String> withArrondissements(String code) {
        List<String> arrondissements = arrondissementsOf(code);
        if (arrondissements.isEmpty()) {
            return code == null ? List.of() : List.of(code);
        }
        List<String> codes = new ArrayList<>(arrondissements.size() + 1);
        codes.add(code);
        codes.addAll(arrondissements);
        return List.copyOf(codes);
    }
}
