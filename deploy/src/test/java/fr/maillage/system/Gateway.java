package fr.maillage.system;

import java.util.List;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Where the system under test is: the gateway started by deploy/maillage, and the services behind it. */
public final class Gateway {
    public static final String URL = System.getProperty("maillage.gateway.url", "http://127.0.0.1:8080");
    public static final List<String> SERVICES = List.of("directory", "offers", "booking", "notification");

    private Gateway() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().baseUri(URL);
    }

    /** Through the gateway as the territory administrator. */
    public static RequestSpecification asAdmin() {
        return given().auth().oauth2(Tokens.admin());
    }

    /** Through the gateway as an agent (France Services desk, mairie) of the partner {@code org}. */
    public static RequestSpecification asAgent(String org) {
        return given().auth().oauth2(Tokens.agent(org));
    }

    /** Through the gateway as the application of the partner {@code org}. */
    public static RequestSpecification asPartnerApp(String org) {
        return given().auth().oauth2(Tokens.partnerApp(org));
    }

    /** Through the gateway as the volunteer whose directory person id is {@code person}. */
    public static RequestSpecification asVolunteer(String person) {
        return given().auth().oauth2(Tokens.volunteer(person));
    }

    public static int port(String service) {
        return switch (service) {
            case "directory" -> 8081;
            case "offers" -> 8082;
            case "booking" -> 8083;
            case "notification" -> 8084;
            case "web" -> 8085; // the citizen pages (issue 17), behind the gateway like the services
            default -> throw new IllegalArgumentException(service);
        };
    }

    public static RequestSpecification givenService(String service) {
        return RestAssured.given().baseUri("http://127.0.0.1").port(port(service));
    }

    /** The service's management interface (health, metrics, OpenAPI, Swagger UI), on 127.0.0.1 only (deploy/lib/common.sh). */
    public static int managementPort(String service) {
        return port(service) + 1000;
    }

    public static RequestSpecification givenManagement(String service) {
        return RestAssured.given().baseUri("http://127.0.0.1").port(managementPort(service));
    }
}
