package fr.maillage.offers.service;

import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import fr.maillage.offers.config.OffersConfig;
import fr.maillage.offers.domain.DomainException;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

/**
 * Who is calling, as the verified bearer token says: roles (claim {@code groups}, or the path set by
 * SMALLRYE_JWT_PATH_GROUPS), the organisation (directory partner id) a partner app or an agent acts for, a
 * volunteer's person id. Anonymous when no token was sent. The organisation rules of offers live here so
 * that every use case applies the same ones.
 *
 * <p>Public reads (no role required) ignore a token that fails verification (malformed, expired, other issuer or
 * audience, unknown key), as directory-service and booking-service do: the caller is then anonymous and gets
 * exactly what a caller without a token gets. A valid token still widens what those reads show (an admin's or the
 * owning organisation's unpublished offers). Protected operations never get here with a broken token: their
 * {@code @RolesAllowed} check authenticates first and answers 401.
 */
@RequestScoped
public class Caller {
    public static final String ADMIN = "admin";
    public static final String PARTNER_APP = "partner-app";
    public static final String AGENT = "agent";
    public static final String VOLUNTEER = "volunteer";

    @Inject
    CurrentIdentityAssociation association;
    @Inject
    OffersConfig config;

    /** The verified identity, or null when anonymous (no token, or a token that failed verification). */
    private SecurityIdentity identity;
    private boolean resolved;

    private SecurityIdentity identity() {
        if (!resolved) {
            SecurityIdentity who;
            try {
                who = association.getIdentity();
            } catch (RuntimeException e) {
                if (!(e instanceof AuthenticationException)) {
                    throw e;
                }
                who = null;
            }
            identity = who == null || who.isAnonymous() ? null : who;
            resolved = true;
        }
        return identity;
    }

    public boolean anonymous() {
        return identity() == null;
    }

    public boolean isAdmin() {
        return has(ADMIN);
    }

    public boolean has(String role) {
        return !anonymous() && identity().hasRole(role);
    }

    /** The organisation claim, when present and a UUID. */
    public Optional<UUID> org() {
        return uuidClaim(config.security().orgClaim());
    }

    public Optional<UUID> person() {
        return uuidClaim(config.security().personClaim());
    }

    /** Admin, or a partner app / agent of the offer's partner: may see the offer whatever its status. */
    public boolean maySeeUnpublishedOf(UUID partnerId) {
        return isAdmin() || ((has(PARTNER_APP) || has(AGENT)) && actsFor(partnerId));
    }

    /** The organisation whose unpublished offers this caller may list besides the published ones (none for admin: all). */
    public Optional<UUID> listableOrg() {
        return has(PARTNER_APP) || has(AGENT) ? org() : Optional.empty();
    }

    /** Admin, or a partner app of that partner: may create, change and move an offer through its lifecycle. */
    public boolean mayManage(UUID partnerId) {
        return isAdmin() || (has(PARTNER_APP) && actsFor(partnerId));
    }

    /**
     * Refuses (403) a write for an offer of {@code partnerId} unless {@link #mayManage}.
     *
     * @param field what does not match: {@code partnerId} of the request body, or {@code Authorization} when the
     *              offer already belongs to another partner
     */
    public void requireManage(UUID partnerId, String field) {
        if (mayManage(partnerId)) {
            return;
        }
        String detail;
        if (org().isEmpty()) {
            detail = "Votre jeton ne porte pas d'organisation (claim « " + config.security().orgClaim()
                    + " ») : une application partenaire ne gère que les offres de sa structure.";
        } else if (field.equals("partnerId")) {
            detail = "Vous agissez pour la structure " + org().get() + " : vous ne pouvez pas créer ni rattacher une offre"
                    + " à la structure " + partnerId + ". Indiquez votre structure dans partnerId (ou un lieu qu'elle porte).";
        } else {
            detail = "Cette offre appartient à une autre structure que la vôtre (" + org().get()
                    + ") : seule sa structure porteuse ou un administrateur peut la modifier.";
        }
        throw DomainException.forbidden(field, detail, field.equals("partnerId"));
    }

    /** Scope of an Idempotency-Key: two partner apps choosing the same key never land on each other's offer. */
    public String idempotencyScope() {
        return isAdmin() ? ADMIN : org().map(UUID::toString).orElse("-");
    }

    private boolean actsFor(UUID partnerId) {
        return partnerId != null && org().map(partnerId::equals).orElse(false);
    }

    private Optional<UUID> uuidClaim(String name) {
        if (anonymous() || !(identity().getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        Object value = jwt.getClaim(name);
        if (value instanceof JsonString s) {
            value = s.getString();
        }
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
