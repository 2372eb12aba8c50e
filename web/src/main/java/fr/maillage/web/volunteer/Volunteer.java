package fr.maillage.web.volunteer;

import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

import fr.maillage.web.api.Api;
import fr.maillage.web.api.VolunteerApi;

/**
 * Who is signed in on the /benevole pages: the volunteer's name (ID token) and directory id (claim {@code person}, which
 * Keycloak puts in both tokens), and the calls to the public API with the volunteer's own token. A signed-in account
 * with the volunteer role but no {@code person} gets the 403 page (nothing of its own to show).
 */
@RequestScoped
public class Volunteer {
    @Inject
    SecurityIdentity identity;
    @Inject
    Api api;
    @Inject
    @RestClient
    VolunteerApi volunteerApi;

    /** The header's name. */
    public String name() {
        String name = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            name = claim(jwt, "name");
            if (name == null) {
                name = claim(jwt, "given_name");
            }
            if (name == null) {
                name = claim(jwt, "preferred_username");
            }
        }
        return name == null || name.matches("[0-9a-fA-F-]{36}") ? "Vous êtes connecté" : name;
    }

    /** The volunteer's directory id (claim {@code person}); none → 403. */
    public UUID person() {
        String person = identity.getPrincipal() instanceof JsonWebToken jwt ? claim(jwt, "person") : null;
        try {
            return UUID.fromString(person == null ? "" : person);
        } catch (IllegalArgumentException e) {
            throw new ForbiddenException();
        }
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object v = jwt.getClaim(name);
        String s = v == null ? null : v.toString().replace("\"", "").strip();
        return s == null || s.isEmpty() ? null : s;
    }

    /*
     * The same outcomes as the desk's calls (Api.agentRead / agentCall: 400/403/404 → the 404 page, 4xx → ApiRefusal for
     * the page, 5xx/no answer → the 503 page): the function runs inside them, on the volunteer's own client.
     */

    /** A read as the volunteer. */
    public <T> T read(Function<VolunteerApi, T> call) {
        return api.agentRead(ignored -> call.apply(volunteerApi));
    }

    /** A write as the volunteer: 4xx → {@link fr.maillage.web.api.ApiRefusal}. */
    public <T> T call(Function<VolunteerApi, T> call) {
        return api.agentCall(ignored -> call.apply(volunteerApi));
    }

    public void run(java.util.function.Consumer<VolunteerApi> call) {
        call(a -> {
            call.accept(a);
            return null;
        });
    }
}
