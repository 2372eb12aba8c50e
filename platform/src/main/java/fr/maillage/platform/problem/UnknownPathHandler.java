package fr.maillage.platform.problem;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * A path no route answers (no resource, no management endpoint) gets the same 404 problem+json as everything else,
 * instead of the HTTP layer's plain text: registered last, it only runs when every other route passed.
 */
@Singleton
public class UnknownPathHandler {
    void register(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(ctx -> {
            if (ctx.response().ended()) {
                return;
            }
            Problem problem = Problem.notFound(null, "Aucune ressource à cette adresse : vérifiez le chemin.");
            ctx.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(new JsonObject(problem.body(ctx.normalizedPath())).encode());
        });
    }
}
