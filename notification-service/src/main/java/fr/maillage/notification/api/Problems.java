package fr.maillage.notification.api;

import java.util.UUID;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** problem+json errors naming the field, with a French explanation (same shape as the library's). */
final class Problems {
    private Problems() {
    }

    static HttpProblem invalid(int status, String field, String detail) {
        return HttpProblem.builder().withStatus(status)
                .withTitle(status == 404 ? "Introuvable" : status == 422 ? "Règle métier non respectée" : "Requête invalide")
                .withDetail(detail).with("field", field).build();
    }

    static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(400, field, "« " + field + " » doit être un identifiant UUID, par exemple 00000000-0000-4000-8000-000000000001.");
        }
    }
}
