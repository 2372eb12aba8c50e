package fr.maillage.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A stand-in of the identity provider's endpoints for the module tests (configured in application.properties, %test):
 * the client-credentials token endpoint gives web its partner-app token {@link #WEB_TOKEN}; an empty JWKS. Plain Vert.x
 * routes, so the pages' CSRF filter does not see the OIDC client's form POST. Signed-in agents are simulated with
 * {@code @TestSecurity} + {@code @OidcSecurity} (quarkus-test-security-oidc), whose access token FakeApi reads.
 */
@ApplicationScoped
public class FakeOidc {
    static final String WEB_TOKEN = "web-service-account-token";
    static final java.util.concurrent.atomic.AtomicInteger TOKEN_REQUESTS = new java.util.concurrent.atomic.AtomicInteger();

    void routes(@Observes Router router) {
        router.post("/fake-oidc/token").handler(BodyHandler.create()).handler(rc -> {
            TOKEN_REQUESTS.incrementAndGet();
            String body = rc.body() == null ? "" : rc.body().asString();
            boolean client = body.contains("grant_type=client_credentials") && rc.request().getHeader("Authorization") != null;
            rc.response().setStatusCode(client ? 200 : 401).putHeader("Content-Type", "application/json")
                    .end(client ? "{\"access_token\":\"" + WEB_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"
                            : "{\"error\":\"invalid_client\"}");
        });
        router.get("/fake-oidc/jwks").handler(rc -> rc.response().putHeader("Content-Type", "application/json").end("{\"keys\":[]}"));
    }
}
