package fr.maillage.notification.service.channel;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Octopush's public API v1 (REST client), as documented on dev.octopush.com, base URL
 * {@code https://api.octopush.com/v1/public}: the account's {@code api-login} and {@code api-key} go in the headers.
 * <ul>
 * <li>SMS: {@code POST /sms-campaign/send} — https://dev.octopush.com/en/sms-gateway-api-documentation/send-sms/ (and
 * the transactional option, https://octopush.com/api-sms-documentation/sms-transactionnel/);</li>
 * <li>« SMS vocal »: {@code POST /voice-campaign/send} —
 * https://dev.octopush.com/en/sms-gateway-api-documentation/voice-sms-api/send-voice-sms/.</li>
 * </ul>
 * One recipient per request (a « simple » send): its ticket is then the message's id, which the delivery receipts carry
 * as {@code message_id}. {@code request_id} makes a repeated request (after a crash) a refusal with code 120 instead of
 * a second message (it expires after 24 hours).
 */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface OctopushApi {

    record Recipient(@JsonProperty("phone_number") String phoneNumber) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SmsCampaign(String text, List<Recipient> recipients, String type, String sender, String purpose,
            @JsonProperty("with_replies") Boolean withReplies, @JsonProperty("request_id") String requestId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VoiceCampaign(String text, List<Recipient> recipients, String type, String sender, String purpose,
            @JsonProperty("voice_gender") String voiceGender, @JsonProperty("voice_language") String voiceLanguage,
            @JsonProperty("request_id") String requestId) {
    }

    /** {@code sms_ticket} for an SMS; the voice answer's ticket field has been spelled several ways, all read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sent(@JsonProperty("sms_ticket") String smsTicket, @JsonProperty("voice_ticket") String voiceTicket,
            @JsonProperty("vocal_ticket") String vocalTicket, @JsonProperty("ticket_number") String ticketNumber,
            @JsonProperty("number_of_contacts") Integer numberOfContacts) {
        String ticket() {
            return smsTicket != null ? smsTicket : voiceTicket != null ? voiceTicket : vocalTicket != null ? vocalTicket
                    : ticketNumber;
        }
    }

    @POST
    @Path("/sms-campaign/send")
    Sent sendSms(@HeaderParam("api-login") String login, @HeaderParam("api-key") String key, SmsCampaign campaign);

    @POST
    @Path("/voice-campaign/send")
    Sent sendVoice(@HeaderParam("api-login") String login, @HeaderParam("api-key") String key, VoiceCampaign campaign);
}
