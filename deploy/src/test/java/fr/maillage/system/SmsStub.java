package fr.maillage.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;

/**
 * What the HTTP SMS provider stub (WireMock, deploy/infra/smsstub.sh) received from notification-service: SMS
 * ({@code POST /messages}) and, since issue 18, voice calls ({@code POST /voice/calls}, the same stub playing the voice
 * provider under {@code VOICE_URL=http://127.0.0.1:8089/voice}).
 */
public final class SmsStub {
    static final String URL = System.getProperty("maillage.smsstub.url", "http://127.0.0.1:8089");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SmsStub() {
    }

    public record Sms(String to, String text, String from, String reference, long loggedAt) {
    }

    /** A voice call handed to the voice provider: the number, the text read aloud (it says the message twice). */
    public record VoiceCall(String to, String text, String language, int repeat, String reference, long loggedAt) {
    }

    /** Every voice call handed to the provider, oldest first. */
    public static List<VoiceCall> voiceCalls() {
        return calls("{\"method\":\"POST\",\"url\":\"/voice/calls\"}");
    }

    /** Every voice call handed to the provider for this number (E.164), oldest first. */
    public static List<VoiceCall> voiceCallsTo(String e164) {
        return calls("{\"method\":\"POST\",\"url\":\"/voice/calls\",\"bodyPatterns\":[{\"matchesJsonPath\":\"$[?(@.to == '"
                + e164 + "')]\"}]}");
    }

    private static List<VoiceCall> calls(String query) {
        String body = RestAssured.given().baseUri(URL).contentType("application/json").body(query)
                .when().post("/__admin/requests/find").then().statusCode(200).extract().asString();
        List<VoiceCall> calls = new ArrayList<>();
        try {
            for (JsonNode request : JSON.readTree(body).path("requests")) {
                JsonNode call = JSON.readTree(request.path("body").asText());
                calls.add(new VoiceCall(call.path("to").asText(), call.path("text").asText(), call.path("language").asText(),
                        call.path("repeat").asInt(), call.path("reference").asText(), request.path("loggedDate").asLong()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("unreadable SMS stub journal: " + e.getMessage(), e);
        }
        calls.sort(java.util.Comparator.comparingLong(VoiceCall::loggedAt));
        return calls;
    }

    /** Every SMS handed to the provider, oldest first. */
    public static List<Sms> all() {
        String body = RestAssured.given().baseUri(URL).contentType("application/json")
                .body("{\"method\":\"POST\",\"url\":\"/messages\"}")
                .when().post("/__admin/requests/find").then().statusCode(200).extract().asString();
        return parse(body);
    }

    /** Every SMS handed to the provider for this number (E.164), oldest first. */
    public static List<Sms> to(String e164) {
        String body = RestAssured.given().baseUri(URL).contentType("application/json")
                .body("{\"method\":\"POST\",\"url\":\"/messages\",\"bodyPatterns\":[{\"matchesJsonPath\":\"$[?(@.to == '" + e164 + "')]\"}]}")
                .when().post("/__admin/requests/find").then().statusCode(200).extract().asString();
        return parse(body);
    }

    /**
     * Every SMS handed to the provider, once the journal has stopped growing for a second: after a sender was killed,
     * the requests it had already written are all counted (WireMock journals a request as soon as it has read it,
     * before a slow answer is sent).
     */
    public static List<Sms> settled() throws InterruptedException {
        List<Sms> previous = all();
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1_000);
            List<Sms> current = all();
            if (current.size() == previous.size()) {
                return current;
            }
            previous = current;
        }
        throw new IllegalStateException("the SMS stub's journal kept growing for 30 s");
    }

    /**
     * Makes the stub remember these references as a real provider does: its reconciliation lookup
     * (GET /messages/by-reference/{reference}) answers 200 for them instead of the default 404. The stub keeps no
     * state of its own, so a test that kills the sender tells it what it had accepted. @return the mapping's id.
     */
    public static String remember(Collection<String> references) {
        String alternatives = references.stream().map(r -> r.replaceAll("[^0-9A-Za-z-]", "")).collect(Collectors.joining("|"));
        String mapping = "{\"priority\": 1, \"request\": {\"method\": \"GET\", \"urlPathPattern\": \"/messages/by-reference/("
                + alternatives + ")\"}, \"response\": {\"status\": 200, \"headers\": {\"Content-Type\": \"application/json\"},"
                + " \"jsonBody\": {\"id\": \"accepted-before-the-crash\", \"status\": \"accepted\"}}}";
        return RestAssured.given().baseUri(URL).contentType("application/json").body(mapping)
                .when().post("/__admin/mappings").then().statusCode(201).extract().path("id");
    }

    /** Removes a mapping a test added (a slow provider, remembered references). */
    public static void removeMapping(String id) {
        RestAssured.given().baseUri(URL).when().delete("/__admin/mappings/" + id);
    }

    /** How many reconciliation lookups (GET /messages/by-reference/...) the provider received. */
    public static int lookups() {
        return RestAssured.given().baseUri(URL).contentType("application/json")
                .body("{\"method\":\"GET\",\"urlPattern\":\"/messages/by-reference/.*\"}")
                .when().post("/__admin/requests/find").then().statusCode(200).extract().jsonPath().getList("requests").size();
    }

    private static List<Sms> parse(String body) {
        List<Sms> sms = new ArrayList<>();
        try {
            for (JsonNode request : JSON.readTree(body).path("requests")) {
                JsonNode message = JSON.readTree(request.path("body").asText());
                sms.add(new Sms(message.path("to").asText(), message.path("text").asText(), message.path("from").asText(),
                        message.path("reference").asText(), request.path("loggedDate").asLong()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("unreadable SMS stub journal: " + e.getMessage(), e);
        }
        sms.sort(java.util.Comparator.comparingLong(Sms::loggedAt));
        return sms;
    }
}
