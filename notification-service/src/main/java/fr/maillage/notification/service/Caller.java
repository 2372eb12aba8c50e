package fr.maillage.notification.service;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Who is calling, read from the verified bearer token: role (groups claim), organisation (the partner
 * the caller acts for, claim named by maillage.security.org-claim) and person. The organisation rules
 * of the service layer go through here.
 */
@RequestScoped
public class Caller {
    public static final String ADMIN = "admin";
    public static final String PARTNER_APP = "partner-app";
    public static final String AGENT = "agent";
    public static final String VOLUNTEER = "volunteer";
    private static final Set<String> ROLES = Set.of(ADMIN, PARTNER_APP, AGENT, VOLUNTEER);

    private final SecurityIdentity identity;
    private final Instance<JsonWebToken> jwt;
    private final String orgClaim;
    private final String personClaim;

    Caller(SecurityIdentity identity, Instance<JsonWebToken> jwt,
            @ConfigProperty(name = "maillage.security.org-claim", defaultValue = "org") String orgClaim,
            @ConfigProperty(name = "maillage.security.person-claim", defaultValue = "person") String personClaim) {
        this.identity = identity;
        this.jwt = jwt;
        this.orgClaim = orgClaim;
        this.personClaim = personClaim;
    }

    public boolean isAdmin() {
        return identity.hasRole(ADMIN);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The caller's Maillage role(s), for messages. */
    public String roles() {
        String roles = String.join(", ", identity.getRoles().stream().filter(ROLES::contains).sorted().toList());
        return roles.isEmpty() ? "aucun rôle Maillage" : roles;
    }

    /** Who calls (the token's subject, else the principal's name): idempotency keys are scoped to it. */
    public String subject() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        String sub = jwt.isResolvable() ? jwt.get().getSubject() : null;
        return sub != null ? sub : identity.getPrincipal().getName();
    }

    /** The organisation claim, if present and a UUID. */
    public Optional<UUID> org() {
        return uuidClaim(orgClaim);
    }

    public Optional<UUID> person() {
        return uuidClaim(personClaim);
    }

    /** The organisation a partner app or an agent acts for; 403 if the token carries none. */
    public UUID requireOrg() {
        return org().orElseThrow(() -> new AccessDenied("Le jeton ne porte pas d'organisation valide (claim « "
                + orgClaim + " ») : un rôle " + roles() + " agit toujours pour une structure."));
    }

    /** 403 unless the caller is an administrator or acts for {@code partnerId}. */
    public void requireActFor(UUID partnerId) {
        if (isAdmin()) {
            return;
        }
        if (!requireOrg().equals(partnerId)) {
            throw new AccessDenied("Votre jeton agit pour l'organisation " + requireOrg()
                    + " : il ne peut pas agir pour l'organisation " + partnerId + ".");
        }
    }

    /** Whether a resource of {@code partnerId} is visible to the caller (admin: all; others: own org). */
    public boolean mayAccess(UUID partnerId) {
        return isAdmin() || (partnerId != null && org().map(partnerId::equals).orElse(false));
    }

    private Optional<UUID> uuidClaim(String name) {
        if (identity.isAnonymous() || !jwt.isResolvable()) {
            return Optional.empty();
        }
        Object value = jwt.get().getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
        try {
            return Optional.of(UUID.fromString(text.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
