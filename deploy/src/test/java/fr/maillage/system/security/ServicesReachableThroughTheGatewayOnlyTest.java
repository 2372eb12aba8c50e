package fr.maillage.system.security;

import static fr.maillage.system.ProblemJson.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.maillage.system.Gateway;
import fr.maillage.system.ProblemJson.Kind;

/**
 * Issue 16, item 6 (local run): the services listen on 127.0.0.1 only (QUARKUS_HTTP_HOST, deploy/services.sh), so from
 * another machine only the gateway — its rate limits, body limits, headers — is reachable; their API port serves the API
 * only, and health, metrics, the OpenAPI document and Swagger UI are on a management port of their own (9081-9084),
 * also bound to 127.0.0.1. Before, every service listened on all interfaces and served /q/metrics, /q/openapi and
 * /q/swagger-ui next to its API.
 */
class ServicesReachableThroughTheGatewayOnlyTest {

    @ParameterizedTest
    @ValueSource(strings = { "directory", "offers", "booking", "notification", "web" })
    void aServiceRefusesConnectionsOnTheMachinesOtherAddresses(String service) {
        List<InetAddress> addresses = otherAddresses();
        Assumptions.assumeFalse(addresses.isEmpty(), "this machine has no address but the loopback");
        for (InetAddress address : addresses) {
            for (int port : new int[] { Gateway.port(service), Gateway.managementPort(service) }) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 2_000);
                    fail(service + " accepts connections on " + address.getHostAddress() + ":" + port);
                } catch (IOException refused) {
                    // expected: nothing listens there
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "directory", "offers", "booking", "notification" })
    void theApiPortServesTheApiOnlyAndTheManagementPortTheRest(String service) {
        for (String path : List.of("/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/health", "/q/health/ready", "/q/dev-ui")) {
            int status = Gateway.givenService(service).redirects().follow(false).when().get(path).then().extract().statusCode();
            assertTrue(status == 404, service + " API port answers " + path + " with " + status);
        }
        Gateway.givenManagement(service).when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Gateway.givenManagement(service).when().get("/q/metrics").then().statusCode(200);
        Gateway.givenManagement(service).queryParam("format", "json").when().get("/q/openapi").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/health" })
    void theGatewayDoesNotServeManagementPaths(String path) {
        Gateway.given().when().get(path).then().spec(problem(Kind.NOT_FOUND));
    }

    private static List<InetAddress> otherAddresses() {
        List<InetAddress> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        found.add(address);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
