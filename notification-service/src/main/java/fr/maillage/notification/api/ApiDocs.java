package fr.maillage.notification.api;

/** Texts shared by the OpenAPI annotations of the resources (401/403 answers of protected operations). */
final class ApiDocs {
    private ApiDocs() {
    }

    static final String PROBLEM = "application/problem+json";

    static final String UNAUTHORIZED = "Sans jeton, ou jeton invalide (illisible, expiré, autre émetteur, mauvaise signature)";
    static final String UNAUTHORIZED_EXAMPLE = """
            {"type":"about:blank","title":"Non authentifié","status":401,"detail":"Authentification requise : envoyez un jeton JWT dans l'en-tête Authorization: Bearer <jeton>.","instance":"/api/v1/notifications"}""";

    static final String FORBIDDEN = "Rôle insuffisant, ou ressource d'une autre organisation";
    static final String FORBIDDEN_EXAMPLE = """
            {"type":"about:blank","title":"Accès refusé","status":403,"detail":"Cette opération demande le rôle admin ou agent ou partner-app ; votre jeton porte : volunteer.","instance":"/api/v1/notifications"}""";
}
