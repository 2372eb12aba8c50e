package fr.maillage.web.agent;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

import fr.maillage.web.api.Api;

/**
 * Who is signed in at the desk (from the identity provider's token: name, organisation {@code org}), and the words the
 * desk pages use for statuses, reminder channels and the outcomes of orientations.
 */
@RequestScoped
public class Desk {
    static final Map<String, String> BOOKING_STATUS = Map.of("confirmed", "Confirmé", "waitlisted", "Liste d'attente",
            "pending", "En attente du code", "expired", "Expiré", "cancelled_by_citizen", "Annulé (par la personne)",
            "cancelled_by_service", "Annulé (par la structure)", "attended", "Présent", "no_show", "Absent");
    static final Map<String, String> CHANNEL = Map.of("sms", "par SMS", "email", "par e-mail", "voice",
            "par un appel sur le téléphone fixe", "none", "aucun rappel : donnez la fiche imprimée à la personne");
    /** Outcomes of an orientation, in the order of the buttons. */
    static final List<String> OUTCOMES = List.of("received", "attended", "no_show", "redirected", "no_longer_needed");
    static final Map<String, String> OUTCOME_BUTTON = Map.of("received", "Reçue", "attended", "Venue", "no_show", "Absente",
            "redirected", "Réorientée", "no_longer_needed", "Plus besoin");
    static final Map<String, String> REFERRAL_STATUS = Map.of("sent", "Envoyée, pas encore de suite", "received",
            "Reçue par la structure", "attended", "La personne est venue", "no_show", "La personne n'est pas venue",
            "redirected", "Réorientée ailleurs", "no_longer_needed", "Plus besoin");

    @Inject
    SecurityIdentity identity;
    @Inject
    Api api;

    /** What the header shows: the agent's name and structure. */
    public record Who(String name, String structure) {
    }

    public Who who() {
        String name = null;
        String org = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            name = first(jwt.getClaim("name"), jwt.getClaim("given_name"), jwt.getClaim("preferred_username"));
            Object o = jwt.getClaim("org");
            org = o == null ? null : o.toString().replace("\"", "");
        }
        if (name == null && identity.getPrincipal() != null) {
            name = identity.getPrincipal().getName();
        }
        if (name != null && name.matches("[0-9a-fA-F-]{36}")) {
            name = null; // a subject id says nothing to the agent
        }
        return new Who(name == null ? "Vous êtes connecté" : name, org == null ? null : api.partnerName(org));
    }

    /** The signed-in agent's organisation (token claim {@code org}), or null (an admin without one). */
    public java.util.UUID org() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("org") != null) {
            try {
                return java.util.UUID.fromString(jwt.getClaim("org").toString().replace("\"", "").strip());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static String first(Object... values) {
        for (Object v : values) {
            if (v != null && !v.toString().isBlank()) {
                return v.toString().replace("\"", "");
            }
        }
        return null;
    }

    static String status(String status) {
        return status == null ? "" : BOOKING_STATUS.getOrDefault(status, status);
    }

    static String channel(String channel) {
        return channel == null ? null : CHANNEL.get(channel);
    }

    /**
     * The form's idempotency key: a random UUID put in a hidden field ({@code cle}) when the form is first rendered, kept
     * when it is shown again with errors, and sent as {@code Idempotency-Key} — a double click or a re-submit of the same
     * form replays the first answer instead of booking (or orienting) the person twice. A missing or malformed value gets
     * a new key.
     */
    public static String formKey(String posted) {
        if (posted != null) {
            try {
                return java.util.UUID.fromString(posted.strip()).toString();
            } catch (IllegalArgumentException e) {
                // a new key below
            }
        }
        return java.util.UUID.randomUUID().toString();
    }
}
