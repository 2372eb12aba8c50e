package fr.maillage.notification.api;

/** Texts shared by the OpenAPI annotations of the resources (401/403 answers of protected operations). */
final class ApiDocs {
    private ApiDocs() {
    }

    static final String PROBLEM = "application/problem+json";

    static final String UNAUTHORIZED = "Sans jeton, ou jeton invalide (illisible, expiré, autre émetteur, mauvaise signature)";
    static final String UNAUTHORIZED_EXAMPLE = """
            {"type":"https://maillage.fr/problemes/authentification-requise","title":"Authentification requise","status":401,"detail":"Authentification requise : envoyez un jeton JWT dans l'en-tête Authorization: Bearer <jeton>.","instance":"/api/v1/notifications","violations":[]}""";

    static final String FORBIDDEN = "Rôle insuffisant, ou ressource d'une autre organisation";
    static final String FORBIDDEN_EXAMPLE = """
            {"type":"https://maillage.fr/problemes/acces-refuse","title":"Accès refusé","status":403,"detail":"Cette opération demande le rôle admin, agent ou partner-app.","instance":"/api/v1/notifications","violations":[]}""";
}
