package fr.maillage.directory.security;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import fr.maillage.directory.config.DirectoryConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

/**
 * Who is calling, read from the verified bearer token: role ({@code groups}), the partner they act for
 * (organisation claim) and, for a volunteer, their directory person id. Services ask it whether the caller
 * may act for a given partner; resources only declare the roles ({@code @RolesAllowed}).
 */
@RequestScoped
public class Caller {
    public static final String ADMIN = "admin";
    public static final String PARTNER_APP = "partner-app";
    public static final String AGENT = "agent";
    public static final String VOLUNTEER = "volunteer";
    private static final List<String> ROLES = List.of(ADMIN, PARTNER_APP, AGENT, VOLUNTEER);

    @Inject
    SecurityIdentity identity;
    @Inject
    DirectoryConfig config;

    public boolean isAdmin() {
        return identity.hasRole(ADMIN);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The caller's role for messages: the most powerful one it holds. */
    public String role() {
        if (identity.isAnonymous()) {
            return "anonyme";
        }
        return ROLES.stream().filter(identity::hasRole).findFirst()
                .orElse(identity.getRoles().isEmpty() ? "(aucun)" : String.join(", ", identity.getRoles()));
    }

    /** A partner application or an agent: acts for one organisation (partner). */
    public boolean actsForAnOrganisation() {
        return (identity.hasRole(PARTNER_APP) || identity.hasRole(AGENT)) && org() != null;
    }

    /** The partner (structure) the token acts for, or null when the claim is absent or not a UUID. */
    public UUID org() {
        return uuidClaim(config.security().orgClaim());
    }

    /** A volunteer's directory person id, or null. */
    public UUID person() {
        return uuidClaim(config.security().personClaim());
    }

    /** Stable identity of the client, used to scope Idempotency-Key: the token subject. */
    public String subject() {
        if (identity.isAnonymous()) {
            return "anonyme";
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    /** The administrator acts for every partner; a partner application or agent for its own only. */
    public boolean actsFor(UUID partnerId) {
        return isAdmin() || partnerId != null && actsForAnOrganisation() && partnerId.equals(org());
    }

    /**
     * @param action what the caller tried, in French, as it completes « impossible de … » (e.g. « modifier le
     *               lieu 0000… »)
     * @throws AccessDeniedException (403) naming the organisation required
     */
    public void requireActFor(UUID partnerId, String action) {
        if (actsFor(partnerId)) {
            return;
        }
        if (!identity.hasRole(PARTNER_APP) && !identity.hasRole(AGENT)) {
            throw new AccessDeniedException("impossible de " + action + " : votre jeton porte le rôle « " + role()
                    + " » ; il faut le rôle admin, ou partner-app/agent de la structure concernée");
        }
        UUID org = org();
        if (org == null) {
            throw new AccessDeniedException("impossible de " + action + " : votre jeton (rôle " + role()
                    + ") ne désigne aucune structure (claim « " + config.security().orgClaim() + " » absent ou qui n'est pas un UUID)");
        }
        throw new AccessDeniedException("impossible de " + action + " : votre jeton agit pour la structure " + org
                + ", or cela est réservé à " + (partnerId == null ? "l'administrateur du territoire (rôle admin)"
                        : "la structure " + partnerId + " ou à l'administrateur du territoire (rôle admin)"));
    }

    /** @throws AccessDeniedException (403) unless the caller is the territory administrator */
    public void requireAdmin(String action) {
        if (!isAdmin()) {
            throw new AccessDeniedException("impossible de " + action + " : c'est réservé à l'administrateur du territoire (rôle admin), votre jeton porte le rôle « " + role() + " »");
        }
    }

    private UUID uuidClaim(String name) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        Object value = jwt.getClaim(name);
        String text = value instanceof JsonString s ? s.getString() : value == null ? null : value.toString();
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
