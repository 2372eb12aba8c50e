package fr.maillage.notification.service.channel;

import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.maillage.notification.domain.Redaction;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Octopush's refusals mapped to our two classes (see {@link SendException}). The codes and their meaning are Octopush's
 * « Return codes » page (https://octopush.com/en/sms-gateway-api-documentation/return-codes/); the error body carries the
 * code in {@code code} (API v1) or {@code error_code} (the JSON answers of the earlier API), read alike.
 * <p>
 * The rule: <b>permanent</b> when this message or this number is at fault (sending it again cannot help: invalid
 * number, country not served, text refused); <b>transient</b> when the account, its settings or the platform are
 * (credentials, credit, sender name, a campaign in progress, a congested route, an undefined error): an operator can fix
 * it, and the worker's backoff gives them the time. Code 120 (« a SMS with the same request_id has already been sent »)
 * is neither: our request id is the notification id, so Octopush already accepted this very message (a send repeated
 * after a crash) and it is recorded sent. A code not listed falls back on the HTTP status, as for every provider
 * ({@link ProviderErrors}: a 4xx but 408/429 is permanent).
 */
public final class OctopushErrors {
    /** A request with our request_id was already accepted: this message went. */
    public static final int ALREADY_SENT = 120;

    /** Code → [permanent?, what an agent reads on the receipt]. */
    static final Map<Integer, Kind> CODES = Map.ofEntries(
            // the message or the number: permanent
            Map.entry(100, Kind.permanent("requête vide")),
            Map.entry(102, Kind.permanent("SMS de plus de 160 caractères")),
            Map.entry(103, Kind.permanent("aucun destinataire")),
            Map.entry(107, Kind.permanent("texte du message absent")),
            Map.entry(110, Kind.permanent("liste de destinataires absente")),
            Map.entry(111, Kind.permanent("mode de saisie des destinataires absent")),
            Map.entry(112, Kind.permanent("type (qualité) de message absent")),
            Map.entry(115, Kind.permanent("numéro différent de celui des paramètres")),
            Map.entry(116, Kind.permanent("option réservée aux listes de contacts")),
            Map.entry(117, Kind.permanent("numéro invalide (format international attendu)")),
            Map.entry(119, Kind.permanent("plus de 160 caractères pour ce type de SMS")),
            Map.entry(121, Kind.permanent("mention « STOP au XXXXX » absente (SMS premium)")),
            Map.entry(122, Kind.permanent("mention « no PUB=STOP » absente (SMS standard)")),
            Map.entry(123, Kind.permanent("champ request_sha1 absent")),
            Map.entry(124, Kind.permanent("champ request_sha1 incorrect")),
            Map.entry(150, Kind.permanent("aucun pays pour cet indicatif")),
            Map.entry(151, Kind.permanent("pays non desservi par Octopush")),
            Map.entry(152, Kind.permanent("SMS low cost impossible vers ce pays")),
            // the account, its settings, the platform: transient
            Map.entry(101, Kind.retried("identifiants Octopush incorrects (api-login / api-key)")),
            Map.entry(104, Kind.retried("crédit Octopush épuisé")),
            Map.entry(105, Kind.retried("crédit insuffisant, commande en attente de validation")),
            Map.entry(106, Kind.retried("nom d'expéditeur refusé (3 à 11 lettres ou chiffres)")),
            Map.entry(108, Kind.retried("identifiant Octopush absent")),
            Map.entry(109, Kind.retried("clé Octopush absente")),
            Map.entry(113, Kind.retried("compte Octopush non validé")),
            Map.entry(114, Kind.retried("compte Octopush suspendu (enquête)")),
            Map.entry(125, Kind.retried("erreur indéfinie chez Octopush")),
            Map.entry(126, Kind.retried("une campagne attend déjà sa validation")),
            Map.entry(127, Kind.retried("une campagne est déjà en cours de traitement")),
            Map.entry(128, Kind.retried("trop de tentatives")),
            Map.entry(153, Kind.retried("route encombrée")),
            Map.entry(500, Kind.retried("action impossible pour le moment")),
            Map.entry(501, Kind.retried("erreur de connexion chez Octopush")));

    private static final ObjectMapper JSON = new ObjectMapper();

    private OctopushErrors() {
    }

    record Kind(boolean permanent, String label) {
        static Kind permanent(String label) {
            return new Kind(true, label);
        }

        static Kind retried(String label) {
            return new Kind(false, label);
        }
    }

    /** What Octopush answered instead of a ticket. {@code code} null when the body had none. */
    record Refusal(int status, Integer code, String message) {
        boolean alreadySent() {
            return code != null && code == ALREADY_SENT;
        }

        SendException exception(String provider) {
            Kind known = code == null ? null : CODES.get(code);
            String detail = (message == null || message.isBlank() ? "" : " — " + truncate(Redaction.redact(message)));
            if (known == null) {
                String text = provider + " : HTTP " + status + (code == null ? "" : ", code " + code) + detail;
                boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
                return permanent ? new SendException.Permanent(text) : new SendException(text, false);
            }
            String text = provider + " : " + known.label() + " (code " + code + ")" + detail;
            return known.permanent() ? new SendException.Permanent(text) : new SendException(text, false);
        }
    }

    /**
     * Calls Octopush. @return the call's answer, or {@code alreadySent.get()} when Octopush answers code 120.
     * @throws SendException classified as above; an unreachable Octopush is transient.
     */
    static <R> R call(String provider, Supplier<R> call, Supplier<R> alreadySent) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            Refusal refusal = read(e.getResponse());
            if (refusal.alreadySent()) {
                return alreadySent.get();
            }
            throw refusal.exception(provider);
        } catch (ProcessingException e) {
            throw new SendException(provider + " injoignable : " + ProviderErrors.rootMessage(e), false);
        }
    }

    static Refusal read(Response response) {
        String body = "";
        try {
            body = response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException ignored) {
            // the status alone classifies
        }
        Integer code = null;
        String message = body;
        try {
            JsonNode node = body.isBlank() ? null : JSON.readTree(body);
            if (node != null && node.isObject()) {
                JsonNode c = node.hasNonNull("code") ? node.get("code") : node.get("error_code");
                if (c != null && (c.isInt() || c.isTextual() && c.asText().matches("\\d{1,4}"))) {
                    code = c.asInt();
                }
                message = node.path("message").asText(null);
            }
        } catch (java.io.IOException notJson) {
            // an HTML error page from a proxy: kept as the message, masked and truncated
        }
        return new Refusal(response.getStatus(), code, message);
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
