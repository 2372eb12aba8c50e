package fr.maillage.web.citizen;

import java.util.Map;

import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.api.Dto;

/** An API refusal (problem+json) put on the form: each violation next to the page's field it names, the rest on top. */
public final class Problems {
    private Problems() {
    }

    public static void onto(Form form, ApiRefusal refusal, Map<String, String> fields) {
        boolean placed = false;
        Dto.Problem p = refusal.problem;
        if (p != null) {
            for (Dto.Violation v : p.violations()) {
                String field = fields.get(v.field());
                String message = message(v.message(), p.detail());
                if (field != null) {
                    form.error(field, message);
                    placed = true;
                }
            }
            if (!placed && p.field() != null && fields.containsKey(p.field())) {
                form.error(fields.get(p.field()), refusal.detail());
                placed = true;
            }
        }
        if (!placed) {
            form.general(refusal.detail());
        }
    }

    /** A violation's message is sometimes terse (« numéro trop long »): capitalised, it reads as a sentence. */
    private static String message(String message, String detail) {
        String m = message == null || message.isBlank() ? detail : message;
        if (m == null || m.isBlank()) {
            return "Cette valeur n'est pas acceptée.";
        }
        m = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return m.endsWith(".") || m.endsWith("!") || m.endsWith("?") ? m : m + ".";
    }
}
