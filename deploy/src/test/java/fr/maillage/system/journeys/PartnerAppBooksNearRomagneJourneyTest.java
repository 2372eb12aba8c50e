package fr.maillage.system.journeys;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.OtlpReceiver;
import fr.maillage.system.MailSink;
import fr.maillage.system.People;
import fr.maillage.system.ProblemJson;
import fr.maillage.system.SmsStub;
import fr.maillage.system.Tokens;
import io.restassured.path.json.JsonPath;

/**
 * Journey 1: a partner app of Fougères Agglomération searches offers near Romagné for "démarches
 * administratives", books the next free slot for a citizen with a mobile number; the confirmation SMS
 * reaches the SMS provider with the date, the place and the self-service link; the agent sees the
 * booking; the remaining seats drop in the offer search. The booking request starts a sampled trace with a request id
 * (issue 23): one trace runs from booking-service's request through the outbox relay and Kafka to notification-service's
 * consumer and its SMS provider call, and both services' log lines of it carry the request id.
 * She also gave an e-mail address: the confirmation mail reaches
 * the local mail sink (MailDev), its HTML part rendered by the sink's web page, with the same link.
 */
class PartnerAppBooksNearRomagneJourneyTest {
    private static final String ROMAGNE = "35243";

    @Test
    void searchBookConfirmBySmsAndSeeItEverywhere() throws Exception {
        try (OtlpReceiver otlp = new OtlpReceiver()) {
            journey(otlp);
        }
    }

    private void journey(OtlpReceiver otlp) throws Exception {
        // 1. offers near Romagné for administrative procedures
        JsonPath offers = Gateway.given().queryParam("near", ROMAGNE).queryParam("radiusKm", 30)
                .queryParam("theme", "aide_demarches")
                .when().get("/api/v1/offers").then().statusCode(200).extract().jsonPath();
        assertTrue(offers.getList("items").size() > 0, "no offer for démarches administratives near Romagné");
        assertTrue(offers.getList("items.themes.flatten()").contains("aide_demarches"));

        // 2. the next free slot nearby for that need that a partner app may book (each offer's booking rules say
        //    who may book: the Mission locale's permanence, on Mondays and Thursdays, takes citizens and agents only)
        JsonPath next = Gateway.given().queryParam("near", ROMAGNE).queryParam("theme", "aide_demarches").queryParam("size", 20)
                .when().get("/api/v1/offers/next-available").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> candidates = next.getList("items");
        Map<String, Object> session = candidates.stream().filter(s -> Gateway.given().when().get("/api/v1/offers/" + s.get("offerId"))
                .then().statusCode(200).extract().jsonPath().getList("bookingRules.allowedBookers").contains("partner_app"))
                .findFirst().orElseThrow(() -> new AssertionError("no session near Romagné bookable by a partner app: " + candidates));
        String sessionId = (String) session.get("sessionId");
        String offerId = (String) session.get("offerId");
        String placeName = (String) ((Map<?, ?>) session.get("place")).get("name");
        OffsetDateTime start = OffsetDateTime.parse((String) session.get("start"));
        int remainingBefore = remainingSeats(offerId, sessionId, start);

        // 3. the partner app books it for a citizen
        People.Mobile mobile = People.newMobile();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpanId = traceId.substring(0, 16);
        String requestId = "journee-romagne-" + UUID.randomUUID();
        String email = "yvette." + UUID.randomUUID().toString().substring(0, 8) + "@exemple.fr";
        JsonPath booking = Gateway.asPartnerApp(Demo.id("PARTNER_FRANCE_SERVICES")).contentType("application/json")
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01").header("X-Request-Id", requestId).body(Map.of(
                "slotId", sessionId,
                "person", Map.of("firstName", "Yvette", "phone", mobile.national(), "smsConsent", true,
                        "email", email, "emailConsent", true),
                "need", Map.of("theme", "impots", "text", "Déclarer mes revenus en ligne"),
                "bookedBy", "partner_app",
                "partnerId", Demo.id("PARTNER_FRANCE_SERVICES")))
                .when().post("/api/v1/bookings").then().statusCode(201)
                .body("status", equalTo("confirmed")).body("person.phone", equalTo(mobile.e164()))
                .extract().jsonPath();
        String bookingId = booking.getString("id");
        String selfServiceUrl = booking.getString("selfServiceUrl");

        // 4. the confirmation SMS reaches the provider, once, in French, with date, place and link
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !SmsStub.to(mobile.e164()).isEmpty());
        List<SmsStub.Sms> sms = SmsStub.to(mobile.e164());
        assertEquals(1, sms.size(), "exactly one SMS at booking time: " + sms);
        String text = sms.get(0).text();
        // written the French way: "mardi 3 décembre", but "mardi 1er décembre" on the first of the month
        java.time.ZonedDateTime paris = start.atZoneSameInstant(ZoneId.of("Europe/Paris"));
        String frenchDay = paris.format(DateTimeFormatter.ofPattern("EEEE", Locale.FRENCH)) + " "
                + (paris.getDayOfMonth() == 1 ? "1er" : String.valueOf(paris.getDayOfMonth())) + " "
                + paris.format(DateTimeFormatter.ofPattern("MMMM", Locale.FRENCH));
        assertTrue(text.contains(frenchDay), "date '" + frenchDay + "' missing in: " + text);
        assertTrue(text.contains(placeName) || text.contains(placeName.substring(0, Math.min(20, placeName.length()))),
                "place missing in: " + text);
        assertTrue(text.contains(selfServiceUrl), "self-service link missing in: " + text);

        // 4b. one trace (issue 23): booking's request -> outbox relay -> Kafka -> notification's consumer -> SMS provider call
        assertOneTraceAcrossTheServices(otlp, traceId, callerSpanId);
        assertTrue(logLines("booking", requestId).stream().anyMatch(l -> l.contains(bookingId)),
                "booking-service logged the booking with the request id " + requestId);
        assertFalse(logLines("notification", requestId).isEmpty(), "notification-service logged the SMS with the request id");
        // 4b. and the confirmation mail reaches the mail sink, once, with the same date and link in its HTML part, which
        //     the sink's web page serves as a browser renders it
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !MailSink.to(email).isEmpty());
        List<MailSink.Mail> mails = MailSink.to(email);
        assertEquals(1, mails.size(), "exactly one mail at booking time: " + mails);
        MailSink.Mail mail = mails.get(0);
        assertTrue(mail.html().contains(frenchDay) && mail.html().contains(selfServiceUrl),
                "date '" + frenchDay + "' or link missing in the mail's HTML: " + mail.html());
        MailSink.renderedHtml(mail).then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/html"))
                .body(containsString(selfServiceUrl));

        // 5. the self-service link works without an account: the page (issue 17), and the API with its token
        assertTrue(selfServiceUrl.contains("/rdv/"), "the link is the citizen's page: " + selfServiceUrl);
        //    (issue 23: the page's request id goes with the API call web makes for it, seen in the gateway's access log)
        String pageRequestId = "journee-romagne-page-" + UUID.randomUUID();
        Gateway.given().header("X-Request-Id", pageRequestId).when().get(selfServiceUrl.substring(selfServiceUrl.indexOf("/rdv/")))
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/html"));
        java.nio.file.Path access = java.nio.file.Path.of(System.getenv().getOrDefault("MAILLAGE_RUN", "./.run"), "gateway", "logs", "access.log");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertTrue(java.nio.file.Files.readAllLines(access).stream()
                .anyMatch(l -> l.contains("/api/v1/bookings/self/") && l.endsWith("rid=" + pageRequestId)),
                "web's API call for the page carries the page's request id " + pageRequestId));
        Gateway.given().when().get("/api/v1/bookings/self/" + selfServiceUrl.substring(selfServiceUrl.lastIndexOf('/') + 1))
                .then().statusCode(200).body("id", equalTo(bookingId)).body("status", equalTo("confirmed"));

        // 6. the booking appears in the list of that place for the France Services desk's agent, not for another structure
        Object placeId = session.get("place") instanceof Map<?, ?> p ? p.get("id") : null;
        // (the slot may be a busy one, e.g. an atelier another test filled: every page of the list is read)
        assertTrue(listedIds(Tokens.agent(Demo.id("PARTNER_FRANCE_SERVICES")), placeId, sessionId).contains(bookingId),
                "the booking is in the France Services agent's list");
        String elsewhere = Demo.id("PARTNER_VAL_DE_SOMME");
        assertFalse(listedIds(Tokens.agent(elsewhere), placeId, sessionId).contains(bookingId),
                "another structure's agent does not see the booking");
        Gateway.asAgent(elsewhere).when().get("/api/v1/bookings/" + bookingId)
                .then().statusCode(anyOf(is(403), is(404))).body(not(containsString(mobile.e164())));
        Gateway.given().when().get("/api/v1/bookings/" + bookingId).then().spec(ProblemJson.problem(ProblemJson.Kind.UNAUTHORIZED));

        // 7. the remaining seats drop in the offers' view (through booking.slots.v1)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> remainingSeats(offerId, sessionId, start) == remainingBefore - 1);

        // 8. the provider reports the SMS delivered (issue 23: the stub calls back with the run's callback secret) and the
        //    partner app's receipt says so
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> Gateway
                .asPartnerApp(Demo.id("PARTNER_FRANCE_SERVICES")).queryParam("bookingId", bookingId)
                .when().get("/api/v1/notifications").then().statusCode(200).extract().jsonPath()
                .getList("items.status").contains("delivered"));
    }

    private static void assertOneTraceAcrossTheServices(OtlpReceiver otlp, String traceId, String callerSpanId) {
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> otlp.trace(traceId).stream()
                    .anyMatch(s -> "notification-service".equals(s.service()) && s.name().startsWith("notification send sms")));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no 'notification send sms' span of trace " + traceId + " within 15 s; received "
                    + otlp.describe(), e);
        }
        List<OtlpReceiver.Span> trace = otlp.trace(traceId);
        String spans = trace.stream().map(s -> s.service() + " " + s.kind() + " " + s.name() + " " + s.spanId() + "<" + s.parentSpanId())
                .toList().toString();
        OtlpReceiver.Span request = trace.stream().filter(s -> "booking-service".equals(s.service())
                && "SPAN_KIND_SERVER".equals(s.kind()) && callerSpanId.equals(s.parentSpanId())).findFirst()
                .orElseThrow(() -> new AssertionError("no booking-service request span under the caller's: " + spans));
        OtlpReceiver.Span consumer = trace.stream().filter(s -> "notification-service".equals(s.service())
                && s.name().equals("booking.bookings.v1 process")).findFirst()
                .orElseThrow(() -> new AssertionError("no notification-service consumer span in the trace: " + spans));
        assertTrue(OtlpReceiver.descends(trace, consumer, request.spanId()), "the consumer descends from the request: " + spans);
        assertTrue(trace.stream().anyMatch(s -> "booking-service".equals(s.service()) && s.name().equals("booking.bookings.v1 publish")
                && OtlpReceiver.descends(trace, consumer, s.spanId())), "through the outbox relay's publish span: " + spans);
        OtlpReceiver.Span send = trace.stream().filter(s -> s.name().equals("notification send sms")).findFirst().orElseThrow();
        assertTrue(OtlpReceiver.descends(trace, send, consumer.spanId()), "the SMS is sent within the consumer's trace: " + spans);
        assertTrue(trace.stream().anyMatch(s -> "notification-service".equals(s.service()) && "SPAN_KIND_CLIENT".equals(s.kind())
                && OtlpReceiver.descends(trace, s, send.spanId())), "the SMS provider call is a span of it: " + spans);
    }

    /** The lines of a service's log of this run ($MAILLAGE_RUN/logs/&lt;service&gt;.log) that carry the request id. */
    private static List<String> logLines(String service, String requestId) throws java.io.IOException {
        java.nio.file.Path log = java.nio.file.Path.of(System.getenv().getOrDefault("MAILLAGE_RUN", "./.run"), "logs", service + ".log");
        try (var lines = java.nio.file.Files.lines(log, java.nio.charset.StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(requestId)).toList();
        }
    }

    /** Every booking id of the list for that place and slot, page after page (at most 40 pages of 100). */
    private static List<String> listedIds(String token, Object placeId, String slotId) {
        List<String> ids = new java.util.ArrayList<>();
        for (int page = 0; page < 40; page++) {
            JsonPath list = Gateway.given().auth().oauth2(token).queryParam("placeId", placeId).queryParam("slotId", slotId)
                    .queryParam("size", 100).queryParam("page", page)
                    .when().get("/api/v1/bookings").then().statusCode(200).extract().jsonPath();
            List<String> items = list.getList("items.id");
            ids.addAll(items);
            if (items.size() < 100) {
                break;
            }
        }
        return ids;
    }

    private static int remainingSeats(String offerId, String sessionId, OffsetDateTime start) {
        JsonPath sessions = Gateway.given().queryParam("from", start.minusMinutes(1).toString())
                .queryParam("to", start.plusMinutes(1).toString())
                .when().get("/api/v1/offers/" + offerId + "/sessions").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = sessions.getList("items");
        return items.stream().filter(s -> sessionId.equals(s.get("id"))).findFirst()
                .map(s -> ((Number) s.get("remaining")).intValue())
                .orElseThrow(() -> new AssertionError("session " + sessionId + " not listed by offers: " + items));
    }
}
