package fr.maillage.booking.security;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import fr.maillage.booking.api.ApiProblem;
import fr.maillage.booking.config.SecurityConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;

/**
 * Who is calling, from the verified bearer token: role ({@code groups} claim), organisation (the partner
 * id the caller acts for, {@code org} claim) and directory person ({@code person} claim). Resource methods
 * check the role ({@code @RolesAllowed}); the service layer asks this bean whether the caller may act for
 * the organisations a resource belongs to. Only meaningful in an HTTP request with an authenticated caller.
 */
@RequestScoped
public class Caller {
    public static final String PARTNER_APP = "partner-app";
    public static final String AGENT = "agent";
    public static final String VOLUNTEER = "volunteer";
    public static final String ADMIN = "admin";
    /** The strongest role wins when a token carries several. */
    private static final List<String> BY_PRECEDENCE = List.of(ADMIN, AGENT, PARTNER_APP, VOLUNTEER);

    private final SecurityIdentity identity;
    private final SecurityConfig config;

    Caller(SecurityIdentity identity, SecurityConfig config) {
        this.identity = identity;
        this.config = config;
    }

    public boolean isAdmin() {
        return identity.hasRole(ADMIN);
    }

    /** admin, agent, partner-app or volunteer; null for an anonymous caller or a token without a known role. */
    public String role() {
        return BY_PRECEDENCE.stream().filter(identity::hasRole).findFirst().orElse(null);
    }

    public boolean is(String role) {
        return role.equals(role());
    }

    /** The organisation the caller acts for, if the token names one. */
    public Optional<UUID> org() {
        return uuidClaim(config.orgClaim());
    }

    /** The caller's directory person id, if the token names one. */
    public Optional<UUID> person() {
        return uuidClaim(config.personClaim());
    }

    /** The token's subject: the key of what is scoped per caller (Idempotency-Key). */
    public String subject() {
        return identity.getPrincipal().getName();
    }

    /** Admin, or a partner app / agent acting for one of {@code partners} (null entries ignored). */
    public boolean actsFor(UUID... partners) {
        if (isAdmin()) {
            return true;
        }
        if (!is(AGENT) && !is(PARTNER_APP)) {
            return false;
        }
        Optional<UUID> org = org();
        return org.isPresent() && Arrays.stream(partners).filter(Objects::nonNull).anyMatch(org.get()::equals);
    }

    /**
     * 403 unless {@link #actsFor}: {@code what} says in French whose business the resource is, e.g.
     * "de la structure qui accueille ce créneau".
     */
    public void requireActsFor(String what, UUID... partners) {
        if (!actsFor(partners)) {
            throw forbidden(what);
        }
    }

    /** The caller's organisation, required for partner apps and agents: 403 without it. */
    public UUID requiredOrg() {
        return org().orElseThrow(() -> ApiProblem.forbidden("Votre jeton ne précise pas l'organisation pour laquelle vous agissez "
                + "(claim " + config.orgClaim() + ") : elle est obligatoire pour les rôles " + PARTNER_APP + " et " + AGENT + "."));
    }

    public ApiProblem forbidden(String what) {
        if (is(AGENT) || is(PARTNER_APP)) {
            UUID org = requiredOrg();
            return ApiProblem.forbidden("Votre organisation (" + org + ") n'a pas accès à cette ressource : il faut être "
                    + "administrateur, ou agent ou application partenaire " + what + ".");
        }
        return ApiProblem.forbidden("Votre rôle (" + Objects.requireNonNullElse(role(), "aucun") + ") ne donne pas accès à "
                + "cette ressource : il faut être administrateur, ou agent ou application partenaire " + what + ".");
    }

    private Optional<UUID> uuidClaim(String name) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        Object value = jwt.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof JsonString json ? json.getString() : value.toString();
        try {
            return Optional.of(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.forbidden("Le claim " + name + " de votre jeton doit être un identifiant UUID.");
        }
    }
}
