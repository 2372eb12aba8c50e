package fr.maillage.platform.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import fr.maillage.platform.problem.Problem;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;

/**
 * Who is calling, as the verified bearer token says: roles ({@code groups}, or the path set by
 * SMALLRYE_JWT_PATH_GROUPS), the organisation (directory partner id) a partner app or an agent acts for, a volunteer's
 * directory person id. Resources check roles with {@code @RolesAllowed}; use cases ask this bean whether the caller
 * may act for the organisations a resource belongs to, so every service applies the same rules.
 *
 * <p>Public reads ignore a token that fails verification (malformed, expired, foreign): the caller is then anonymous
 * and gets exactly what a caller without a token gets. Protected operations never get here with a broken token: their
 * {@code @RolesAllowed} check authenticates first and answers 401.
 */
@RequestScoped
public class Caller {
    public static final String ADMIN = "admin";
    public static final String AGENT = "agent";
    public static final String PARTNER_APP = "partner-app";
    public static final String VOLUNTEER = "volunteer";
    /** An EPCI or département coordinator: reads the coverage and indicators of the territories of its token. */
    public static final String COORDINATOR = "coordinator";
    /** The strongest role wins when a token carries several. */
    private static final List<String> BY_PRECEDENCE = List.of(ADMIN, AGENT, PARTNER_APP, COORDINATOR, VOLUNTEER);

    private final CurrentIdentityAssociation association;
    private final SecurityConfig config;
    /** The verified identity, or null when anonymous; resolved on first use. */
    private SecurityIdentity identity;
    private boolean resolved;

    Caller(CurrentIdentityAssociation association, SecurityConfig config) {
        this.association = association;
        this.config = config;
    }

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

    public boolean has(String role) {
        return !anonymous() && identity().hasRole(role);
    }

    public boolean isAdmin() {
        return has(ADMIN);
    }

    /** admin, agent, partner-app, coordinator or volunteer; null when anonymous or without a known role. */
    public String role() {
        return BY_PRECEDENCE.stream().filter(this::has).findFirst().orElse(null);
    }

    /** The organisation the caller acts for, if the token names one (403 if the claim is not a UUID). */
    public Optional<UUID> org() {
        return uuidClaim(config.orgClaim());
    }

    /** The caller's directory person id, if the token names one (403 if the claim is not a UUID). */
    public Optional<UUID> person() {
        return uuidClaim(config.personClaim());
    }

    /**
     * The territories a coordinator's token names (claim {@code maillage.security.territory-claim}, default
     * {@code territory}: {@code epci:<SIREN>} or {@code dep:<code>}, one value or an array), in the token's order; empty
     * when anonymous or without the claim. 403 if a value is malformed: a token must not widen or blur its own scope.
     */
    public List<Territory> territories() {
        if (anonymous() || !(identity().getPrincipal() instanceof JsonWebToken jwt)) {
            return List.of();
        }
        Object value = jwt.getClaim(config.territoryClaim());
        if (value == null) {
            return List.of();
        }
        List<Object> values = new ArrayList<>();
        if (value instanceof Collection<?> many) {
            values.addAll(many);
        } else {
            values.add(value);
        }
        List<Territory> territories = new ArrayList<>();
        for (Object one : values) {
            String text = one instanceof JsonString json ? json.getString() : String.valueOf(one);
            territories.add(Territory.parse(text).orElseThrow(() -> Problem.forbidden("Authorization", "Le claim "
                    + config.territoryClaim() + " de votre jeton doit valoir epci:<SIREN à 9 chiffres> ou dep:<code du "
                    + "département> (ex. epci:248000531, dep:80, dep:2A, dep:974).")));
        }
        return List.copyOf(territories);
    }

    /** The token's subject (scopes what is per caller, such as an Idempotency-Key); null when anonymous. */
    public String subject() {
        return anonymous() ? null : identity().getPrincipal().getName();
    }

    /** The caller's organisation, required for partner apps and agents: 403 without it. */
    public UUID requiredOrg() {
        return org().orElseThrow(() -> Problem.forbidden("Authorization", "Votre jeton ne précise pas l'organisation "
                + "pour laquelle vous agissez (claim " + config.orgClaim() + ") : elle est obligatoire pour les rôles "
                + PARTNER_APP + " et " + AGENT + "."));
    }

    /** Admin, or a partner app / agent acting for one of {@code partners} (null entries ignored). */
    public boolean actsFor(UUID... partners) {
        if (isAdmin()) {
            return true;
        }
        if (!has(AGENT) && !has(PARTNER_APP)) {
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

    /** The 403 for a resource of another organisation; {@code what} as in {@link #requireActsFor}. */
    public Problem forbidden(String what) {
        if (has(AGENT) || has(PARTNER_APP)) {
            UUID org = requiredOrg();
            return Problem.forbidden("Votre organisation (" + org + ") n'a pas accès à cette ressource : il faut être "
                    + "administrateur, ou agent ou application partenaire " + what + ".");
        }
        return Problem.forbidden("Votre rôle (" + Objects.requireNonNullElse(role(), "aucun") + ") ne donne pas accès à "
                + "cette ressource : il faut être administrateur, ou agent ou application partenaire " + what + ".");
    }

    private Optional<UUID> uuidClaim(String name) {
        if (anonymous() || !(identity().getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        Object value = jwt.getClaim(name);
        if (value instanceof JsonString json) {
            value = json.getString();
        }
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.toString().strip()));
        } catch (IllegalArgumentException e) {
            throw Problem.forbidden("Authorization", "Le claim " + name + " de votre jeton doit être un identifiant UUID.");
        }
    }
}
