package fr.maillage.directory.domain;

import java.util.regex.Pattern;

/**
 * French organisation identifiers: SIRET (checked by the Luhn key, La Poste's rule, never SIREN 000000000) and RNA.
 * The one validator of SIRETs: the partners API ({@link Checks#siret}) and the import ({@code PlaceImporter}'s pivot) use it.
 */
public final class Identifiers {
    private static final Pattern SIRET = Pattern.compile("\\d{14}");
    private static final Pattern RNA = Pattern.compile("W[0-9A-Z]\\d{8}");
    /** La Poste's establishments share SIREN 356000000 and use a different key (sum of digits % 5). */
    private static final String LA_POSTE_SIREN = "356000000";
    /** SIREN 000000000 is never attributed: 00000000000000 (and 000000000xxxxx) is a placeholder, not a SIRET. */
    private static final String NO_SIREN = "000000000";

    private Identifiers() {
    }

    /** The SIRET without spaces, or null if blank. */
    public static String compact(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.replaceAll("[\\s.]", "").toUpperCase();
    }

    /** Null when valid, else the reason in French. */
    public static String siretProblem(String siret) {
        if (!SIRET.matcher(siret).matches()) {
            return "le SIRET doit comporter exactement 14 chiffres (reçu « " + siret + " »)";
        }
        if (siret.startsWith(NO_SIREN)) {
            // 00000000000000 passes the Luhn key (0 is a multiple of 10) but no establishment has it: it is what forms
            // and files hold when the number was not known
            return "le SIRET « " + siret + " » n'est pas valide (aucun établissement n'a le SIREN 000000000, c'est un numéro"
                    + " de remplissage) : indiquez le SIRET réel de l'établissement, 14 chiffres";
        }
        if (siret.startsWith(LA_POSTE_SIREN) && !siret.equals("35600000000048")) {
            int sum = 0;
            for (char c : siret.toCharArray()) {
                sum += c - '0';
            }
            return sum % 5 == 0 ? null : "le SIRET « " + siret + " » n'est pas valide (clé de contrôle La Poste incorrecte)";
        }
        return luhn(siret) ? null : "le SIRET « " + siret + " » n'est pas valide (clé de contrôle incorrecte : vérifiez les chiffres)";
    }

    /** Null when valid, else the reason in French. */
    public static String rnaProblem(String rna) {
        return RNA.matcher(rna).matches() ? null
                : "le numéro RNA doit être « W » suivi de 9 caractères (ex. W352001234), reçu « " + rna + " »";
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
