package fr.maillage.offers.security;

import java.util.Optional;
import java.util.UUID;

import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The organisation rules of offers, on the platform's {@link Caller} (roles, org claim; a token failing verification
 * on a public read counts as anonymous): every use case applies the same ones.
 */
@ApplicationScoped
public class OfferAccess {
    private final Caller caller;

    OfferAccess(Caller caller) {
        this.caller = caller;
    }

    public boolean isAdmin() {
        return caller.isAdmin();
    }

    /** Admin, or a partner app / agent of the offer's partner: may see the offer whatever its status. */
    public boolean maySeeUnpublishedOf(UUID partnerId) {
        return caller.actsFor(partnerId);
    }

    /** The organisation whose unpublished offers this caller may list besides the published ones (none for admin: all). */
    public Optional<UUID> listableOrg() {
        return caller.has(Caller.PARTNER_APP) || caller.has(Caller.AGENT) ? caller.org() : Optional.empty();
    }

    /** Admin, or a partner app of that partner: may create, change and move an offer through its lifecycle. */
    public boolean mayManage(UUID partnerId) {
        return caller.isAdmin() || (caller.has(Caller.PARTNER_APP) && partnerId != null
                && caller.org().map(partnerId::equals).orElse(false));
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
        Optional<UUID> org = caller.org();
        String detail;
        if (org.isEmpty()) {
            detail = "Votre jeton ne porte pas d'organisation : une application partenaire ne gère que les offres de sa"
                    + " structure.";
        } else if (field.equals("partnerId")) {
            detail = "Vous agissez pour la structure " + org.get() + " : vous ne pouvez pas créer ni rattacher une offre"
                    + " à la structure " + partnerId + ". Indiquez votre structure dans partnerId (ou un lieu qu'elle porte).";
        } else {
            detail = "Cette offre appartient à une autre structure que la vôtre (" + org.get()
                    + ") : seule sa structure porteuse ou un administrateur peut la modifier.";
        }
        throw Problem.forbidden(field, detail);
    }
}
