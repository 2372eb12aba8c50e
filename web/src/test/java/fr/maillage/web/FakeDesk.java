package fr.maillage.web;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The desk's side of {@link FakeApi}: bookings of the agent's structure (today, this week, a waiting list), attendance,
 * cancellation, a new self-service link, desk bookings without contact — each refusing like booking-service does
 * (problem+json naming the field). Every call must carry the signed-in agent's access token (the JWT that
 * {@code @TestSecurity}/{@code @OidcSecurity} gives the identity): its {@code groups} must hold agent or admin.
 */
final class FakeDesk {
    static final String FRANCE_SERVICES = "00000000-0000-4000-8000-000000000003";
    static final String TODAY = "30000000-0000-4000-8000-000000000001";
    static final String TOMORROW = "30000000-0000-4000-8000-000000000002";
    static final String WAITING = "30000000-0000-4000-8000-000000000003";
    static final String DESK_NEW = "30000000-0000-4000-8000-000000000009";
    static final Map<String, String> BOOKINGS = new ConcurrentHashMap<>();
    /** Bodies the fake received, for the tests' checks. */
    static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    /** The Idempotency-Key header of every desk booking and referral received ("null" when absent). */
    static final List<String> KEYS = new CopyOnWriteArrayList<>();
    static final ObjectMapper JSON = new ObjectMapper();

    private FakeDesk() {
    }

    static void reset() {
        BOOKINGS.clear();
        RECEIVED.clear();
        KEYS.clear();
        OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Europe/Paris")).truncatedTo(ChronoUnit.MINUTES);
        BOOKINGS.put(TODAY, booking(TODAY, "confirmed", now.minusMinutes(30), "Josiane", "+33299112233", null, "voice", false));
        BOOKINGS.put(TOMORROW, booking(TOMORROW, "confirmed", now.plusDays(1), "Marcel", "+33612345678", null, "sms", true));
        BOOKINGS.put(WAITING, booking(WAITING, "waitlisted", now.plusDays(2), "Odette", null, "odette@exemple.fr", "email", true));
    }

    static String booking(String id, String status, OffsetDateTime start, String firstName, String phone, String email,
            String channel, boolean resendable) {
        return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"slotId\":\"" + FakeApi.SLOT_FREE + "\",\"offerId\":\""
                + FakeApi.OFFER + "\",\"placeId\":\"" + FakeApi.PLACE + "\",\"start\":\"" + start + "\",\"end\":\"" + start.plusHours(1)
                + "\",\"person\":{\"firstName\":\"" + firstName + "\",\"phone\":" + quoted(phone) + ",\"email\":" + quoted(email)
                + "},\"need\":{\"theme\":\"aide_demarches\"},\"offer\":{\"title\":\"Permanence conseiller numérique\","
                + "\"type\":\"permanence_individuelle\"},\"place\":{\"name\":\"Pôle socioculturel\",\"street\":\"2 rue de la Mairie\","
                + "\"postalCode\":\"35133\",\"commune\":\"Romagné\",\"phone\":\"+33299000000\"},\"reminderChannel\":\"" + channel
                + "\",\"selfServiceLinkResendable\":" + resendable + ",\"bookedBy\":\"agent\"}";
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    /** The agent's token's claims, or null when the call carries none (or not an agent's). */
    static JsonNode agent(String authorization) {
        try {
            String[] parts = authorization.substring("Bearer ".length()).split("\\.");
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            for (JsonNode g : claims.path("groups")) {
                if (g.asText().equals("agent") || g.asText().equals("admin")) {
                    return claims;
                }
            }
            return null;
        } catch (RuntimeException | java.io.IOException e) {
            return null;
        }
    }

    static Response unauthorized() {
        return FakeApi.problem(401, null, "Jeton absent ou invalide.");
    }

    static Response list(String from, String to, String authorization) {
        if (agent(authorization) == null) {
            return unauthorized();
        }
        if (from == null || to == null) {
            return FakeApi.problem(400, "from", "from et to attendus");
        }
        return Response.ok("{\"items\":[" + String.join(",", BOOKINGS.entrySet().stream().filter(e -> !e.getKey().equals(DESK_NEW))
                .map(Map.Entry::getValue).toList()) + "],\"page\":0,\"size\":200,\"total\":" + BOOKINGS.size() + "}").build();
    }

    static Response attendance(String id, JsonNode body, String authorization) {
        if (agent(authorization) == null) {
            return unauthorized();
        }
        if (!BOOKINGS.containsKey(id)) {
            return FakeApi.problem(404, null, "Rendez-vous inconnu.");
        }
        if (!id.equals(TODAY)) {
            return FakeApi.problem(422, "attended", "Le créneau n'a pas encore commencé : la présence se note après son début.");
        }
        RECEIVED.add(body);
        BOOKINGS.computeIfPresent(id, (k, v) -> v.replace("\"confirmed\"", body.path("attended").asBoolean() ? "\"attended\"" : "\"no_show\""));
        return Response.ok(BOOKINGS.get(id)).build();
    }

    static Response cancel(String id, JsonNode body, String authorization) {
        if (agent(authorization) == null) {
            return unauthorized();
        }
        if (id.equals(TODAY)) {
            return FakeApi.problem(409, "status", "Ce rendez-vous a déjà commencé : il ne peut plus être annulé.");
        }
        RECEIVED.add(body);
        BOOKINGS.computeIfPresent(id, (k, v) -> v.replace("\"confirmed\"", "\"cancelled_by_citizen\"")
                .replace("\"waitlisted\"", "\"cancelled_by_citizen\""));
        return Response.ok(BOOKINGS.get(id)).build();
    }

    static Response resend(String id, String authorization) {
        if (agent(authorization) == null) {
            return unauthorized();
        }
        if (id.equals(TODAY)) {
            return FakeApi.problem(422, "person", "Cette personne n'a ni portable ni e-mail : le lien ne peut pas lui être envoyé.");
        }
        return Response.status(202).entity("{\"sentTo\":\"" + (id.equals(WAITING) ? "email" : "sms") + "\"}").build();
    }

    /** A desk booking (no verification): the agent's token only; any contact or none; landline → reminders by voice. */
    static Response deskBooking(JsonNode body, String authorization) {
        if (agent(authorization) == null) {
            return FakeApi.problem(422, "person.phone", "Indiquez un numéro de portable ou une adresse e-mail.");
        }
        RECEIVED.add(body);
        JsonNode person = body.path("person");
        String phone = person.path("phone").isMissingNode() ? null : person.path("phone").asText();
        String email = person.path("email").isMissingNode() ? null : person.path("email").asText();
        if (phone != null && phone.replaceAll("\\D", "").length() < 10) {
            return FakeApi.problem(422, "person.phone", "Ce numéro de téléphone n'est pas un numéro français.");
        }
        String channel = phone != null && phone.replaceAll("\\s", "").matches("(\\+33|0)[67].*") ? "sms"
                : phone != null ? "voice" : email != null ? "email" : "none";
        BOOKINGS.put(DESK_NEW, booking(DESK_NEW, "confirmed", OffsetDateTime.parse(FakeApi.start(3, 9)),
                person.path("firstName").asText(), phone, email, channel, !channel.equals("voice") && !channel.equals("none")));
        return Response.status(201).entity(BOOKINGS.get(DESK_NEW)).build();
    }
}
