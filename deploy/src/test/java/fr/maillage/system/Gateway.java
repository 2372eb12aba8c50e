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

    public static int port(String service) {
        return switch (service) {
            case "directory" -> 8081;
            case "offers" -> 8082;
            case "booking" -> 8083;
            case "notification" -> 8084;
            default -> throw new IllegalArgumentException(service);
        };
    }

    public static RequestSpecification givenService(String service) {
        return RestAssured.given().baseUri("http://127.0.0.1").port(port(service));
    }
}
