package fr.maillage.notification.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import fr.maillage.notification.config.NotificationConfig;
import fr.maillage.notification.service.NotificationStore;
import fr.maillage.notification.service.OptOuts;
import fr.maillage.platform.phone.PhoneNumbers;
import fr.maillage.platform.problem.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Octopush's callbacks (SMS_PROVIDER=octopush), on one URL as its documentation allows, told apart by their fields
 * (https://dev.octopush.com/en/sms-gateway-api-documentation/callbacks/):
 * <ul>
 * <li>delivery receipt ({@code status}, {@code message_id}, {@code delivery_date}; channel {@code sms} or
 * {@code voice_sms}) — https://dev.octopush.com/en/sms-gateway-api-documentation/callbacks/acknowledge-receipt;</li>
 * <li>STOP ({@code stop_date}, {@code number}) — https://dev.octopush.com/en/sms-gateway-api-documentation/opt-out-management/;</li>
 * <li>reply / inbound SMS ({@code reception_date} or {@code answer_date}, {@code number}, {@code text}: STOP/START as on
 * {@code /sms/inbound}) — https://dev.octopush.com/en/sms-gateway-api-documentation/inbounds/.</li>
 * </ul>
 * Octopush lets its customer set a URL per callback type in its interface and signs nothing, so the shared secret
 * {@code maillage.sms.callback-secret} goes in that URL's query string ({@code ?secret=…}), checked by
 * {@link SmsCallbackFilter} before the body is read. Octopush wants a quick, empty answer: 204, also for a receipt of a
 * message we do not know (another application on the same account), which changes nothing.
 */
@Path("/api/v1/notifications/callbacks/octopush")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OctopushCallbackResource {
    /** Octopush's final failures of a message, and what an agent reads on the receipt. */
    private static final Map<String, String> FAILURES = Map.of(
            "NOT_DELIVERED", "non remis (NOT_DELIVERED)",
            "NOT_ALLOWED", "refusé par l'opérateur (NOT_ALLOWED)",
            "BAD_DESTINATION", "numéro invalide (BAD_DESTINATION)",
            "BLACKLISTED_NUMBER", "numéro en liste noire chez Octopush (BLACKLISTED_NUMBER)");

    private final NotificationStore store;
    private final OptOuts optOuts;
    private final NotificationConfig config;

    OctopushCallbackResource(NotificationStore store, OptOuts optOuts, NotificationConfig config) {
        this.store = store;
        this.optOuts = optOuts;
        this.config = config;
    }

    @Schema(description = "Rappel d'Octopush : accusé de réception (status), STOP (stop_date) ou réponse (reception_date)")
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OctopushCallback(
            @Size(max = 20) @Schema(description = "Canal : sms ou voice_sms (accusés de réception)", example = "sms") String channel,
            @JsonProperty("message_id") @Size(max = 100) @Schema(description = "Ticket du message envoyé",
                    example = "sms_5fa275dbf21dc") String messageId,
            @Size(max = 30) @Schema(description = "Numéro du destinataire ou de l'expéditeur", example = "+33600000000") String number,
            @Size(max = 30) @Schema(description = "Statut de remise (DELIVERED, NOT_DELIVERED, ACK…)", example = "DELIVERED") String status,
            @JsonProperty("delivery_date") @Size(max = 30) String deliveryDate,
            @Size(max = 2000) @Schema(description = "Texte reçu (STOP, réponse)", example = "STOP") String text,
            @JsonProperty("stop_date") @Size(max = 30) String stopDate,
            @JsonProperty("reception_date") @Size(max = 30) String receptionDate,
            @JsonProperty("answer_date") @Size(max = 30) String answerDate) {
    }

    @POST
    @PermitAll
    @SmsProviderCallback
    @Tag(name = "Fournisseur SMS")
    @Operation(operationId = "receiveOctopushCallback", summary = "Rappel d'Octopush : accusé de réception, STOP ou réponse",
            description = "Octopush (SMS_PROVIDER=octopush) appelle cette adresse pour ses trois rappels, reconnus à leurs champs :"
                    + " accusé de réception (status : DELIVERED → delivered ; NOT_DELIVERED, NOT_ALLOWED, BAD_DESTINATION,"
                    + " BLACKLISTED_NUMBER → failed ; ACK et les statuts inconnus ne changent rien ; canal sms ou voice_sms),"
                    + " STOP (stop_date : le numéro est désinscrit), réponse (reception_date : STOP ou START comme sur"
                    + " /sms/inbound). Sans jeton JWT : le secret partagé (maillage.sms.callback-secret) est dans l'adresse"
                    + " configurée chez Octopush, paramètre « secret » (ou l'en-tête " + SmsCallbackAuth.HEADER + ").")
    @APIResponse(responseCode = "204", description = "Rappel pris en compte (rien à répondre, comme Octopush le demande)")
    @APIResponse(responseCode = "401", description = "Secret absent ou incorrect", content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(name = "secret", value = NotificationResource.PROVIDER_401)))
    @APIResponse(responseCode = "400", description = "Rappel non reconnu ou numéro invalide", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "numéro", value = """
                    {"type":"https://maillage.fr/problemes/requete-invalide","title":"Requête invalide","status":400,"detail":"« number » n'est pas un numéro de téléphone valide.","instance":"/api/v1/notifications/callbacks/octopush","field":"number","violations":[{"field":"number","message":"« number » n'est pas un numéro de téléphone valide."}]}""")))
    @Parameter(in = ParameterIn.QUERY, name = SmsCallbackFilter.QUERY, required = true, schema = @Schema(type = SchemaType.STRING),
            description = "Secret partagé avec Octopush (maillage.sms.callback-secret), dans l'adresse de rappel")
    public Response receive(@Valid @NotNull(message = "le corps JSON est obligatoire") OctopushCallback callback) {
        if (callback.stopDate() != null) {
            optOuts.optOut(number(callback), "sms");
        } else if (callback.receptionDate() != null || callback.answerDate() != null) {
            optOuts.reply(number(callback), callback.text());
        } else if (callback.status() != null) {
            receipt(callback);
        } else {
            throw Problem.badRequest("status", "Rappel Octopush non reconnu : ni « status », ni « stop_date », ni « reception_date ».");
        }
        return Response.noContent().build();
    }

    private void receipt(OctopushCallback callback) {
        String channel = callback.channel() == null || "sms".equals(callback.channel()) ? "sms"
                : "voice_sms".equals(callback.channel()) ? "voice" : null;
        String status = callback.status().toUpperCase(java.util.Locale.ROOT);
        boolean delivered = status.equals("DELIVERED") || status.equals("READ");
        if (channel == null || !delivered && !FAILURES.containsKey(status)) {
            return; // another channel, or not final yet (ACK) or unknown: the receipt stays as it is
        }
        if (callback.messageId() == null || callback.messageId().isBlank()) {
            throw Problem.badRequest("message_id", "« message_id » (le ticket du message) est obligatoire dans un accusé de réception.");
        }
        String error = delivered ? null : ("voice".equals(channel) ? "appel " : "") + FAILURES.get(status);
        QuarkusTransaction.requiringNew().call(() -> store.recordDelivery(channel, callback.messageId(), null, delivered, error));
    }

    private String number(OctopushCallback callback) {
        return PhoneNumbers.e164(callback.number(), config.defaultRegion()).orElseThrow(() -> Problem.badRequest("number",
                "« number » n'est pas un numéro de téléphone valide."));
    }
}
