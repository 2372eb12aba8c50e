package fr.maillage.system;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.blankOrNullString;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.specification.ResponseSpecification;

/**
 * The one error shape of Maillage (RFC 9457 application/problem+json), answered alike by every service and by the
 * gateway for its own errors: {"type":"https://maillage.fr/problemes/<slug>","title":"<French title>","status":...,
 * "detail":"<French sentence>","instance":"<path>","field":"<first field at fault>","violations":[...]}.
 * The system tests check what a client sees, so the catalogue below is the contract, written out.
 */
public final class ProblemJson {
    public static final String TYPE_BASE = "https://maillage.fr/problemes/";

    /** The kinds the system tests meet: status, slug of the type URI, French title. */
    public enum Kind {
        BAD_REQUEST(400, "requete-invalide", "Requête invalide"),
        UNAUTHORIZED(401, "authentification-requise", "Authentification requise"),
        FORBIDDEN(403, "acces-refuse", "Accès refusé"),
        NOT_FOUND(404, "introuvable", "Introuvable"),
        METHOD_NOT_ALLOWED(405, "methode-non-autorisee", "Méthode non autorisée"),
        PAYLOAD_TOO_LARGE(413, "requete-trop-volumineuse", "Requête trop volumineuse"),
        TOO_MANY_REQUESTS(429, "trop-de-requetes", "Trop de requêtes"),
        UNAVAILABLE(503, "service-indisponible", "Service momentanément indisponible");

        public final int status;
        public final String slug;
        public final String title;

        Kind(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }
    }

    private ProblemJson() {
    }

    /** The status of the kind, application/problem+json, its type and French title, a detail, a list of violations. */
    public static ResponseSpecification problem(Kind kind) {
        return problem(kind, kind.status);
    }

    /** The same with another status answered under this kind (414 is a bad request: requete-invalide). */
    public static ResponseSpecification problem(Kind kind, int status) {
        return new ResponseSpecBuilder()
                .expectStatusCode(status)
                .expectHeader("Content-Type", startsWith("application/problem+json"))
                .expectBody("type", equalTo(TYPE_BASE + kind.slug))
                .expectBody("title", equalTo(kind.title))
                .expectBody("status", equalTo(status))
                .expectBody("detail", not(blankOrNullString()))
                .expectBody("violations", instanceOf(List.class))
                .build();
    }
}
