package fr.maillage.system.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import fr.maillage.system.AdHocOffers;
import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import fr.maillage.system.Parallel;
import fr.maillage.system.People;
import fr.maillage.system.SmsStub;
import fr.maillage.system.Tokens;
import io.restassured.path.json.JsonPath;

/**
 * Issue 16, item 4: no phone number, e-mail address, self-service token or JWT in any log of the run. Run LAST of all the
 * system tests (SystemTestOrder), so that it reads what the whole suite made the system log: the four services' logs
 * ($MAILLAGE_RUN/logs/&lt;service&gt;.log, fresh at each start of the stack), the second instances some tests start
 * (deploy/target/*-fresh.log, *-second.log), the gateway's access and error logs and nginx's own output (gateway.log).
 * First it makes happen what leaked before: a booking with a phone and an e-mail (confirmation SMS and e-mail sent),
 * rate-limited requests on the self-service link with the phone in the query string (the old gateway's error log wrote
 * their request line), a request whose JSON has the wrong type for a contact field (booking logged the raw value), paths
 * carrying a phone or an e-mail.
 *
 * <p>Not read, on purpose: the SMS stub's and the mail sink's logs (they stand in for the SMS provider and the mail
 * server, which do receive the numbers and addresses), the demo loader's and Maven's output (clients of the system),
 * Kafka's and PostgreSQL's logs (they log no payloads).
 *
 * <p>E-mail addresses allowed in the logs, technical and fictitious, none a person's: the sender address of the system
 * ({@code @maillage.fr}, {@code @maillage.local}: MAILER_FROM and the development issuer), and the fictitious structure
 * contacts of the demo ({@code *.example.org}, reserved by RFC 2606), which are public data of structures, not people.
 */
class NoSecretInAnyLogTest {
    /** French numbers: national (0X XX XX XX XX with spaces, dots or dashes or none), +33 / 0033 international forms. */
    static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+.-])(?:(?:\\+|00)33[ .-]?(?:\\(0\\)[ .-]?)?|0)[1-9](?:[ .-]?[0-9]{2}){4}(?![\\w-])");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    static final Pattern ALLOWED_EMAIL = Pattern.compile("(?i).*@(?:maillage\\.fr|maillage\\.local|[a-z0-9.-]+\\.example\\.org)$");
    /**
     * A self-service link's token (256 random bits, base64url) after /bookings/self/ or /rdv/ (the page), masked or not;
     * not the desk's /agent/rdv/&lt;booking id&gt; (a booking id behind an agent's sign-in, not a credential).
     */
    static final Pattern SELF_SERVICE = Pattern.compile("(?:/bookings/self/|(?<!/agent)/rdv/|/staffing-requests/by-token/"
            + "|/benevole/reponse/|/api/v1/calendars/)(?!\\*\\*\\*)[A-Za-z0-9_-]{16,}");
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");

    @Test
    void noPhoneEmailSelfServiceTokenNorJwtInAnyLogOfTheRun() throws Exception {
        Set<String> secrets = makeTheSystemHandlePersonalData();

        List<Path> logs = logsOfTheRun();
        List<String> findings = new ArrayList<>();
        for (Path log : logs) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = log + ":" + (i + 1);
                find(PHONE, line, "phone number", where, findings);
                Matcher email = EMAIL.matcher(line);
                while (email.find()) {
                    if (!ALLOWED_EMAIL.matcher(email.group()).matches()) {
                        findings.add(where + ": e-mail address " + mask(email.group()));
                    }
                }
                find(SELF_SERVICE, line, "self-service token", where, findings);
                find(JWT, line, "JWT", where, findings);
                for (String secret : secrets) {
                    if (line.contains(secret)) {
                        findings.add(where + ": a value this test sent (" + mask(secret) + ")");
                    }
                }
            }
        }
        assertTrue(findings.isEmpty(), findings.size() + " secret(s) in the logs of the run (" + logs.size() + " logs read):\n"
                + String.join("\n", findings.subList(0, Math.min(findings.size(), 40))));
    }

    /** Drives the paths that leaked before; returns the exact values sent, which no log may contain either. */
    private static Set<String> makeTheSystemHandlePersonalData() throws Exception {
        String offerId = UUID.randomUUID().toString();
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(6);
        Map<String, Object> offer = AdHocOffers.offer(Demo.id("PLACE_MISSION_LOCALE"), Demo.id("PARTNER_MISSION_LOCALE"),
                "permanence_individuelle", 2, 30, List.of(new AdHocOffers.Session(day, LocalTime.of(10, 0), LocalTime.of(10, 30))));
        String slotId = (String) AdHocOffers.publish(offerId, offer, 1).get(0).get("id");

        People.Mobile mobile = People.newMobile();
        String email = "journal-" + UUID.randomUUID().toString().substring(0, 8) + "@exemple.fr";
        String agent = Tokens.agent(Demo.id("PARTNER_MISSION_LOCALE"));
        JsonPath booking = Gateway.given().auth().oauth2(agent).contentType("application/json").body(Map.of(
                "slotId", slotId,
                "person", Map.of("firstName", "Lou", "lastName", "Journal", "phone", mobile.national(), "email", email,
                        "smsConsent", true, "emailConsent", true),
                "need", Map.of("theme", "aide_demarches", "text", "Vérification des journaux"),
                "bookedBy", "agent"))
                .when().post("/api/v1/bookings").then().statusCode(201).extract().jsonPath();
        String bookingId = booking.getString("id");
        String selfService = booking.getString("selfServiceUrl");
        String token = selfService.substring(selfService.lastIndexOf('/') + 1);
        // the confirmation goes out by SMS and e-mail: notification-service has handled the contact data
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> !SmsStub.to(mobile.e164()).isEmpty());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> Gateway.given().auth().oauth2(agent)
                .queryParam("bookingId", bookingId).when().get("/api/v1/notifications").then().statusCode(200).extract()
                .jsonPath().getList("items", Map.class).stream()
                .anyMatch(n -> "email".equals(n.get("channel")) && !"pending".equals(n.get("status"))));

        // the self-service link with the phone in the query string, fast enough to meet the rate limit (the old gateway
        // wrote each refused request line, token and phone included, into its error log)
        String selfPath = "/api/v1/bookings/self/" + token;
        Parallel.requests(80, i -> Gateway.given().urlEncodingEnabled(false)
                .queryParam("phone", mobile.national().replace(" ", "")).queryParam("email", email),
                request -> request.when().get(selfPath));
        // the citizen's page of the link and its calendar file (issue 17): web and the gateway log neither the token
        Gateway.given().when().get("/rdv/" + token).then().statusCode(200);
        Gateway.given().when().get("/rdv/" + token + "/agenda.ics");
        // wrong JSON types for contact fields (a service must not log the raw value it could not read)
        Gateway.given().auth().oauth2(agent).contentType("application/json")
                .body("{\"slotId\":\"" + slotId + "\",\"person\":{\"firstName\":\"Lou\",\"phone\":{\"n\":\"" + mobile.e164()
                        + "\"},\"email\":[\"" + email + "\"]},\"bookedBy\":\"agent\"}")
                .when().post("/api/v1/bookings");
        Gateway.given().auth().oauth2(agent).contentType("application/json")
                .body("{\"slotId\":\"" + slotId + "\",\"person\":{\"firstName\":\"Lou\",\"phone\":\"" + mobile.national()
                        + "\",\"smsConsent\":\"" + mobile.e164() + "\"},\"bookedBy\":\"agent\"}")
                .when().post("/api/v1/bookings");
        // paths carrying a phone or an e-mail (opt-outs, a mistaken path)
        Gateway.given().auth().oauth2(agent).when().get("/api/v1/notifications/opt-outs/" + mobile.e164());
        Gateway.given().when().get("/api/v1/people/" + email);
        Gateway.given().when().get("/api/v1/people/" + mobile.national().replace(" ", "."));
        // leave time for the last lines to be written
        Thread.sleep(1_000);

        String digits = mobile.e164().substring(3);
        return new java.util.LinkedHashSet<>(List.of(mobile.e164(), mobile.national(), mobile.national().replace(" ", ""), digits,
                email, token, agent));
    }

    static List<Path> logsOfTheRun() throws IOException {
        Path run = Path.of(System.getenv().getOrDefault("MAILLAGE_RUN", "./.run"));
        List<Path> logs = new ArrayList<>();
        for (String service : Gateway.SERVICES) {
            logs.add(run.resolve("logs").resolve(service + ".log"));
        }
        // the citizen pages (issue 17): they handle self-service tokens, codes, names and phones typed in forms
        logs.add(run.resolve("logs").resolve("web.log"));
        logs.add(run.resolve("logs").resolve("gateway.log"));
        logs.add(run.resolve("gateway").resolve("logs").resolve("access.log"));
        logs.add(run.resolve("gateway").resolve("logs").resolve("error.log"));
        for (Path log : logs) {
            assertTrue(Files.isReadable(log), "log missing: " + log);
        }
        // second instances started by the scaling and journey tests (ServiceProcess), when they ran
        // (written since this test JVM started: older ones are another run's)
        long runStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                files.filter(f -> f.getFileName().toString().matches("[a-z]+-(fresh|second)\\.log"))
                        .filter(f -> f.toFile().lastModified() >= runStart).sorted().forEach(logs::add);
            }
        }
        return logs;
    }

    private static void find(Pattern pattern, String line, String kind, String where, List<String> findings) {
        Matcher matcher = pattern.matcher(line);
        while (matcher.find()) {
            findings.add(where + ": " + kind + " " + mask(matcher.group()));
        }
    }

    /** Enough to find the line again, not the value itself (the report must not spread what it looks for). */
    static String mask(String value) {
        return value.length() <= 4 ? "***" : value.substring(0, 3) + "***" + " (" + value.length() + " chars)";
    }
}
