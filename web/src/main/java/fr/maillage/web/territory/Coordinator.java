package fr.maillage.web.territory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.security.identity.SecurityIdentity;

import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.api.ApiUnavailable;
import fr.maillage.web.api.Dto;

/**
 * Who is signed in on the /territoire pages (a coordinator or an administrator): the name, the territories the token
 * names (claim {@code territory}: {@code epci:<SIREN>}, {@code dep:<code>}; none for an administrator, who types one),
 * and the calls to the territory API with the person's own token. The API decides what may be seen (403 naming the
 * territory): these territories only choose what the pages offer first.
 */
@RequestScoped
public class Coordinator {
    @Inject
    SecurityIdentity identity;
    @Inject
    @RestClient
    TerritoryApi api;

    public String name() {
        String name = identity.getPrincipal() instanceof JsonWebToken jwt ? claim(jwt, "name") : null;
        return name == null ? "Vous êtes connecté" : name;
    }

    public boolean admin() {
        return identity.hasRole("admin");
    }

    /** The token's territories, in its order (malformed values left out: the API refuses them anyway). */
    public List<Selection> territories() {
        List<Selection> list = new ArrayList<>();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object value = jwt.getClaim("territory");
            Collection<?> values = value instanceof Collection<?> c ? c : value == null ? List.of() : List.of(value);
            for (Object v : values) {
                Selection.parse(String.valueOf(v).replace("\"", ""), false).filter(s -> !list.contains(s)).ifPresent(list::add);
            }
        }
        return list;
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object v = jwt.getClaim(name);
        String s = v == null ? null : v.toString().replace("\"", "").strip();
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * A call as the signed-in person: a 4xx (400, 403, 404, 422) → {@link ApiRefusal} with its problem, shown next to
     * the field it names; 401, 5xx or no answer → {@link ApiUnavailable} (the « réessayez » page).
     */
    public <T> T call(Function<TerritoryApi, T> call) {
        try {
            return call.apply(api);
        } catch (WebApplicationException e) {
            Response r = e.getResponse();
            int status = r == null ? 500 : r.getStatus();
            if (status >= 500 || status == 401) {
                throw new ApiUnavailable("territory API answered " + status);
            }
            Dto.Problem problem = null;
            try {
                problem = r.readEntity(Dto.Problem.class);
            } catch (RuntimeException ignored) {
                // no problem+json body: the status says enough
            }
            throw new ApiRefusal(status, problem);
        } catch (ProcessingException e) {
            throw new ApiUnavailable("territory API unreachable: " + e.getClass().getSimpleName());
        }
    }
}
