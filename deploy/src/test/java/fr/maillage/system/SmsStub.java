package fr.maillage.system;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;

/** What the HTTP SMS provider stub (WireMock, deploy/infra/smsstub.sh) received from notification-service. */
public final class SmsStub {
    static final String URL = System.getProperty("maillage.smsstub.url", "http://127.0.0.1:8089");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SmsStub() {
    }

    public record Sms(String to, String text, String from, String reference, long loggedAt) {
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
