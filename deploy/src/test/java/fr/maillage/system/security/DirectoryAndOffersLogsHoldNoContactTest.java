package fr.maillage.system.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;

/**
 * Issue 16, item 4 (directory and offers): people's phones and e-mails never reach these services' logs, whatever
 * happens to the request — accepted, refused (422, 400), or an import row the database refuses. The person's values are
 * unique to this test, so finding them anywhere in directory.log or offers.log is a leak.
 */
class DirectoryAndOffersLogsHoldNoContactTest {

    @Test
    void contactDataSentToDirectoryAndOffersIsNotLogged() throws Exception {
        String partner = Demo.id("PARTNER_ROMAGNE");
        String digits = String.format("%04d", (int) (Math.random() * 10_000));
        String phone = "06 39 98 " + digits.substring(0, 2) + " " + digits.substring(2);
        String email = "journal.secret." + digits + "@example.org";
        Map<String, Object> person = new HashMap<>();
        person.put("role", "benevole");
        person.put("firstName", "Yseult");
        person.put("lastName", "Confidentielle");
        person.put("phone", phone);
        person.put("email", email);
        person.put("notifySms", true);
        person.put("placeIds", List.of(Demo.id("PLACE_ROMAGNE")));
        String id = Gateway.asPartnerApp(partner).contentType("application/json").body(person).when().post("/api/v1/people")
                .then().statusCode(201).extract().path("id");
        person.put("phone", phone + "12"); // twelve digits: not a French number
        Gateway.asPartnerApp(partner).contentType("application/json").body(person).when().put("/api/v1/people/" + id)
                .then().statusCode(422);
        person.put("phone", phone);
        person.put("email", "not-an-address " + email);
        Gateway.asPartnerApp(partner).contentType("application/json").body(person).when().put("/api/v1/people/" + id)
                .then().statusCode(422);
        person.put("email", email);
        person.put("placeIds", List.of(Demo.id("PLACE_ROMAGNE"), Demo.id("PLACE_ROMAGNE")));
        Gateway.asPartnerApp(partner).contentType("application/json").body(person).when().put("/api/v1/people/" + id)
                .then().statusCode(400);
        // an import row carrying the same contact, which the database cannot store as text (NUL): rejected, not logged
        String csv = "id,pivot,nom,code_postal,code_insee,adresse,services,telephone,courriels\n"
                + "journal-" + digits + ",,Mairie\u0000,35133,35243,1 rue,Aide aux démarches administratives," + phone + "," + email + "\n";
        Gateway.asAdmin().contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8)).when()
                .post("/api/v1/places/import").then().statusCode(200);
        Gateway.asPartnerApp(partner).when().delete("/api/v1/people/" + id).then().statusCode(204);

        Path logs = Path.of(System.getenv().getOrDefault("MAILLAGE_RUN", "./.run")).resolve("logs");
        String compact = phone.replace(" ", "");
        String e164 = "+33" + compact.substring(1);
        int read = 0;
        for (String service : List.of("directory", "offers")) {
            Path log = logs.resolve(service + ".log");
            if (!Files.exists(log)) {
                continue;
            }
            read++;
            String text = Files.readString(log, StandardCharsets.ISO_8859_1); // bytes as they are, whatever the encoding
            for (String secret : List.of(phone, compact, e164, email, "journal.secret." + digits, "Confidentielle")) {
                assertFalse(text.contains(secret), service + ".log holds a person's contact data: " + secret);
            }
        }
        assertTrue(read > 0, "the services' logs are readable under " + logs.toAbsolutePath());
    }
}
