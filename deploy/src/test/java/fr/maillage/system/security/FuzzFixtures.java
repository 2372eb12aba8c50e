package fr.maillage.system.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpServer;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Gateway;
import fr.maillage.system.People;
import fr.maillage.system.Tokens;
import io.restassured.response.Response;

/**
 * What the fuzz works on: its own partner ("Fuzz ApiFuzzTest …"), with its own places, people, offers, slots, bookings,
 * shift and webhook, made through the gateway with valid requests. Every write of the fuzz that names an existing
 * resource names one of these, never a demo resource, so an accepted hostile input only changes the fuzz's own data.
 * A fixture that cannot be made is replaced by a random id (the operation is then fuzzed on a 404) and reported.
 */
final class FuzzFixtures {
    final String adminToken = Tokens.admin("api-fuzz-admin");
    final List<String> bookingTokens = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final Map<String, String> ids = new LinkedHashMap<>();
    final Map<String, Object> baselines = new HashMap<>();
    String appToken;
    String mobile;
    String otherMobile;
    private HttpServer receiver;

    static FuzzFixtures create(String run) {
        FuzzFixtures f = new FuzzFixtures();
        f.make(run);
        return f;
    }

    private void make(String run) {
        for (int i = 0; i < 6; i++) {
            bookingTokens.add(Tokens.admin("api-fuzz-booking-" + i));
        }
        mobile = People.newMobile().national();
        otherMobile = People.newMobile().national();
        receiver = startReceiver();
        String hook = "http://localhost:" + (receiver == null ? 9 : receiver.getAddress().getPort()) + "/api-fuzz";

        Map<String, Object> partner = map("name", "Fuzz ApiFuzzTest " + run, "typologies", List.of("MUNI"),
                "programmes", List.of("Conseillers numériques"), "email", "fuzz@example.org", "phone", "01 99 00 09 99",
                "website", "https://fuzz.example.org/api-fuzz-test");
        String partnerId = id("PARTNER", () -> Gateway.given().auth().oauth2(adminToken).contentType("application/json")
                .body(FuzzJson.write(partner)).when().post("/api/v1/partners"));
        appToken = Tokens.partnerApp(partnerId);
        baselines.put("POST /api/v1/partners", partner);
        baselines.put("PUT /api/v1/partners/{id}", partner);

        String place = id("PLACE", () -> asApp().body(FuzzJson.write(place("Fuzz lieu ApiFuzzTest", partnerId))).when().post("/api/v1/places"));
        ids.put("PLACE2", idOr("PLACE2", () -> asApp().body(FuzzJson.write(place("Fuzz lieu 2 ApiFuzzTest", partnerId)))
                .when().post("/api/v1/places")));
        baselines.put("POST /api/v1/places", place("Fuzz lieu ApiFuzzTest", partnerId));
        baselines.put("PUT /api/v1/places/{id}", place("Fuzz lieu 2 ApiFuzzTest", partnerId));

        String person = id("PERSON", () -> asApp().body(FuzzJson.write(person(partnerId, place, mobile))).when().post("/api/v1/people"));
        ids.put("PERSON2", idOr("PERSON2", () -> asApp().body(FuzzJson.write(person(partnerId, place, otherMobile)))
                .when().post("/api/v1/people")));
        baselines.put("POST /api/v1/people", person(partnerId, place, otherMobile));
        baselines.put("PUT /api/v1/people/{id}", person(partnerId, place, otherMobile));

        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(9);
        Map<String, Object> offer = AdHocOffers.offer(place, partnerId, "permanence_individuelle", 40, 30,
                List.of(new AdHocOffers.Session(day, LocalTime.of(10, 0), LocalTime.of(10, 30)),
                        new AdHocOffers.Session(day, LocalTime.of(11, 0), LocalTime.of(11, 30))));
        offer.put("title", "Fuzz offre ApiFuzzTest");
        String offerId = UUID.randomUUID().toString();
        ids.put("OFFER", offerId);
        List<Map<String, Object>> slots = List.of();
        try {
            slots = AdHocOffers.publish(offerId, offer, 2);
        } catch (RuntimeException | AssertionError e) {
            notes.add("fixture OFFER/slots not made: " + first(e.getMessage()));
        }
        ids.put("SLOT", slots.size() > 0 ? (String) slots.get(0).get("id") : UUID.randomUUID().toString());
        ids.put("SLOT2", slots.size() > 1 ? (String) slots.get(1).get("id") : UUID.randomUUID().toString());
        // A draft offer for PUT /api/v1/offers/{id} (the published one keeps its slots for the booking operations).
        String draft = UUID.randomUUID().toString();
        Map<String, Object> draftBody = new LinkedHashMap<>(offer);
        draftBody.put("title", "Fuzz brouillon ApiFuzzTest");
        idOr("OFFER2", () -> asApp().body(FuzzJson.write(draftBody)).when().put("/api/v1/offers/" + draft));
        ids.put("OFFER2", draft);
        baselines.put("POST /api/v1/offers", draftBody);
        baselines.put("PUT /api/v1/offers/{id}", draftBody);

        Map<String, Object> booking = map("slotId", ids.get("SLOT"),
                "person", map("firstName", "Fuzz", "lastName", "ApiFuzzTest", "phone", mobile, "email", "fuzz@example.org",
                        "smsConsent", false, "emailConsent", false),
                "need", map("theme", "aide_demarches", "text", "ApiFuzzTest"), "bookedBy", "partner_app");
        Response made = safe(() -> asApp().body(FuzzJson.write(booking)).when().post("/api/v1/bookings"));
        ids.put("BOOKING", idOf("BOOKING", made));
        String self = made == null || made.statusCode() / 100 != 2 ? null : pathOf(made, "selfServiceUrl");
        ids.put("TOKEN", self == null ? "fuzz-no-token" : self.substring(self.lastIndexOf('/') + 1));
        ids.put("BOOKING2", idOr("BOOKING2", () -> asApp().body(FuzzJson.write(booking)).when().post("/api/v1/bookings")));
        baselines.put("POST /api/v1/bookings", booking);
        baselines.put("POST /api/v1/bookings/{id}/attendance", map("attended", true));
        baselines.put("POST /api/v1/bookings/{id}/cancel", map("cancelledBy", "service", "reason", "ApiFuzzTest"));
        baselines.put("POST /api/v1/bookings/{id}/reschedule", map("slotId", ids.get("SLOT2")));

        // booking-service learns the person from directory.people.v1: the assignment may need a few tries
        String shift = null;
        for (int i = 0; i < 20 && shift == null; i++) {
            Response r = safe(() -> asApp().body(FuzzJson.write(map("personId", person))).when()
                    .post("/api/v1/slots/" + ids.get("SLOT") + "/shifts"));
            if (r != null && r.statusCode() == 201) {
                shift = pathOf(r, "id");
            } else {
                sleep(1_000);
            }
        }
        if (shift == null) {
            notes.add("fixture SHIFT not made");
        }
        ids.put("SHIFT", shift == null ? UUID.randomUUID().toString() : shift);
        baselines.put("POST /api/v1/slots/{id}/shifts", map("personId", person));

        Map<String, Object> webhook = map("url", hook, "eventTypes", List.of("booking.confirmed"), "description", "ApiFuzzTest",
                "partnerId", partnerId);
        id("WEBHOOK", () -> asApp().body(FuzzJson.write(webhook)).when().post("/api/v1/webhooks"));
        baselines.put("POST /api/v1/webhooks", webhook);
        Map<String, Object> update = map("url", hook, "eventTypes", List.of("booking.confirmed"), "description", "ApiFuzzTest",
                "status", "active");
        baselines.put("PUT /api/v1/webhooks/{id}", update);
        baselines.put("PATCH /api/v1/webhooks/{id}", update);

        baselines.put("POST /api/v1/notifications/opt-outs", map("phone", otherMobile));
        baselines.put("POST /api/v1/notifications/callbacks/sms", map("messageId", "api-fuzz", "reference", "api-fuzz",
                "status", "delivered", "error", "none"));
        baselines.put("POST /api/v1/notifications/sms/inbound", map("from", otherMobile, "text", "Bonjour"));
        baselines.put("POST /api/v1/places/import", List.of(map("id", "api-fuzz-" + run, "nom", "Fuzz import ApiFuzzTest",
                "adresse", "1 rue du Fuzz", "code_postal", "80800", "code_insee", "80212", "commune", "Corbie")));
    }

    /** The value of a path parameter for the fuzz's own resources. */
    String pathValue(String path, String name) {
        if (name.equals("shiftId")) {
            return ids.get("SHIFT");
        }
        if (name.equals("token")) {
            return ids.get("TOKEN");
        }
        if (name.equals("code")) {
            return "80212";
        }
        if (name.equals("phone")) {
            return otherMobile.replace(" ", "");
        }
        if (path.startsWith("/api/v1/partners")) {
            return ids.get("PARTNER");
        }
        if (path.startsWith("/api/v1/people")) {
            return ids.get("PERSON2");
        }
        if (path.startsWith("/api/v1/places")) {
            return ids.get("PLACE2");
        }
        if (path.startsWith("/api/v1/offers")) {
            return ids.get("OFFER2");
        }
        if (path.startsWith("/api/v1/bookings/{id}/cancel")) {
            return ids.get("BOOKING2");
        }
        if (path.startsWith("/api/v1/bookings")) {
            return ids.get("BOOKING");
        }
        if (path.startsWith("/api/v1/slots")) {
            return ids.get("SLOT");
        }
        if (path.startsWith("/api/v1/webhooks")) {
            return ids.get("WEBHOOK");
        }
        return UUID.randomUUID().toString();
    }

    /** The value of a required query parameter, or null. */
    String queryValue(String name) {
        return switch (name) {
            case "near" -> "80212";
            default -> null;
        };
    }

    void close() {
        String webhook = ids.get("WEBHOOK");
        if (webhook != null && appToken != null) {
            safe(() -> Gateway.given().auth().oauth2(appToken).when().delete("/api/v1/webhooks/" + webhook));
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private io.restassured.specification.RequestSpecification asApp() {
        return Gateway.given().auth().oauth2(appToken).contentType("application/json");
    }

    private static Map<String, Object> place(String name, String partnerId) {
        return map("partnerId", partnerId, "name", name,
                "address", map("street", "1 rue du Fuzz", "postalCode", "80800", "inseeCode", "80212"),
                "latitude", 49.9086, "longitude", 2.5094, "openingHours", "Mo-Fr 09:00-12:00", "phone", "01 99 00 09 98",
                "email", "lieu.fuzz@example.org", "website", "https://fuzz.example.org/lieu", "presentation", "Lieu du fuzz",
                "typologies", List.of("MUNI"), "services", List.of("Aide aux démarches administratives"),
                "publics", List.of("Jeunes"), "frais", List.of("Gratuit"), "modalitesAcces", List.of("Se présenter"),
                "modalitesAccompagnement", List.of("Accompagnement individuel"), "itinerance", "Fixe",
                "servedCommunes", List.of("80212"), "dateMaj", LocalDate.now(ZoneId.of("Europe/Paris")).toString());
    }

    private static Map<String, Object> person(String partnerId, String placeId, String phone) {
        return map("role", "benevole", "firstName", "Fuzz", "lastName", "ApiFuzzTest", "phone", phone,
                "email", "benevole.fuzz@example.org", "notifySms", false, "notifyEmail", false,
                "placeIds", List.of(placeId), "partnerId", partnerId);
    }

    private String id(String name, Supplier<Response> request) {
        String id = idOr(name, request);
        ids.put(name, id);
        return id;
    }

    private String idOr(String name, Supplier<Response> request) {
        return idOf(name, safe(request));
    }

    private String idOf(String name, Response r) {
        if (r != null && r.statusCode() / 100 == 2) {
            Object id = pathOf(r, "id");
            if (id != null) {
                return id.toString();
            }
        }
        notes.add("fixture " + name + " not made: " + (r == null ? "no answer" : r.statusCode() + " " + first(r.asString())));
        return UUID.randomUUID().toString();
    }

    private static String pathOf(Response r, String path) {
        try {
            Object value = r.path(path);
            return value == null ? null : value.toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Response safe(Supplier<Response> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            notes.add("fixture request failed: " + first(e.getMessage()));
            return null;
        }
    }

    private static HttpServer startReceiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            return null;
        }
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static String first(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
