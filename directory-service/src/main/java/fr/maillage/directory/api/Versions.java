package fr.maillage.directory.api;

import fr.maillage.platform.problem.Problem;

/** If-Match / ETag: the entity version, as a (strong or weak) entity tag or a bare number. */
public final class Versions {
    private Versions() {
    }

    public static Long parseIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw Problem.badRequest("If-Match",
                    "l'en-tête If-Match doit contenir la version lue dans l'ETag, par exemple \"3\" (reçu " + ifMatch + ")");
        }
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
