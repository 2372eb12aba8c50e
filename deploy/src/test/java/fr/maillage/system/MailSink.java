package fr.maillage.system;

import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;

/**
 * What the local mail sink (MailDev, deploy/infra/mailsink.sh) received from notification-service over SMTP, read from
 * its REST API ({@code GET /api/email}); its web page at the same address shows the same mails rendered.
 */
public final class MailSink {
    static final String URL = System.getProperty("maillage.mailsink.url", "http://127.0.0.1:3080");

    private MailSink() {
    }

    /** A mail as received: its MailDev id, subject, HTML part and text part. */
    public record Mail(String id, String subject, String html, String text) {
    }

    /** Every mail received for this address (the SMTP envelope's recipient), oldest first. */
    public static List<Mail> to(String address) {
        List<Map<String, Object>> mails = RestAssured.given().baseUri(URL).when().get("/api/email")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return mails.stream()
                .filter(m -> ((List<?>) ((Map<?, ?>) m.get("envelope")).get("to")).stream()
                        .anyMatch(r -> address.equalsIgnoreCase(String.valueOf(((Map<?, ?>) r).get("address")))))
                .map(m -> new Mail((String) m.get("id"), (String) m.get("subject"), (String) m.get("html"), (String) m.get("text")))
                .toList();
    }

    /** The page the sink's web interface shows for that mail: its HTML part as a browser renders it. */
    public static io.restassured.response.Response renderedHtml(Mail mail) {
        return RestAssured.given().baseUri(URL).when().get("/api/email/" + mail.id() + "/html");
    }
}
