package fr.maillage.offers.api;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * A token that is sent is verified even on public reads: a partner app with a broken or expired token gets a
 * 401 saying so, instead of silently seeing what an anonymous caller sees (and wondering where its drafts went).
 * Without an Authorization header nothing happens here. Authentication is lazy (proactive off, so that failures
 * reach {@link SecurityExceptionMappers}); this is where it happens for the public endpoints.
 */
public class BearerTokenFilter {

    @Inject
    CurrentIdentityAssociation identity;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> verifyPresentedToken(HttpHeaders headers) {
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return Uni.createFrom().voidItem();
        }
        return identity.getDeferredIdentity().replaceWithVoid();
    }
}
