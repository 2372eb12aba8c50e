package fr.maillage.system;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A second instance of a packaged service (its quarkus-run.jar), started by a test on another port
 * with its own environment, and stopped (or killed) by it. Output goes to deploy/target/<name>.log.
 */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String name;

    private ServiceProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    public static ServiceProcess start(String service, String name, int port, Map<String, String> env, String... systemProperties)
            throws IOException, InterruptedException {
        try (java.net.Socket taken = new java.net.Socket("127.0.0.1", port)) {
            throw new IllegalStateException("port " + port + " is already taken: cannot start " + name);
        } catch (java.net.ConnectException free) {
            // nothing listens there: go on
        }
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path app = root.resolve(service + "-service/target/quarkus-app");
        // As deploy/services.sh runs them: the JVM options of deploy/jvm.options, from the jar's directory with its AppCDS
        // archive when the build made one (the archive records the class path relative to that directory).
        List<String> command = new ArrayList<>(List.of("java", "@" + root.resolve("deploy/jvm.options")));
        if (java.nio.file.Files.isReadable(app.resolve("app-cds.jsa"))) {
            command.add("-XX:SharedArchiveFile=app-cds.jsa");
        }
        command.addAll(List.of(systemProperties));
        command.addAll(List.of("-jar", "quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(new File("target/" + name + ".log"));
        // the communes reference, which the services' default path finds from the repository root
        builder.environment().put("COMMUNES_FILE", root.resolve("../shared/data/communes.csv").normalize().toString());
        // The realm's issuer (the tokens the tests mint carry it, as Keycloak's do) and the run's development key, which is
        // the realm's signing key (deploy/infra/keycloak.sh): the same tokens as the stack's, without depending on Keycloak.
        builder.environment().put("MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                Path.of(System.getenv().getOrDefault("MAILLAGE_RUN", ".run"), "jwt", "public.pem").toAbsolutePath().toString());
        builder.environment().put("MP_JWT_VERIFY_ISSUER", fr.maillage.deploy.DevToken.issuer());
        // the system under test's database unless the test names another (a scratch instance)
        builder.environment().put("DB_NAME", Infra.database(service));
        builder.environment().putAll(env);
        builder.environment().put("HTTP_PORT", String.valueOf(port));
        // As deploy/services.sh runs them: API and management interface on 127.0.0.1, management on port + 1000, the run's
        // sealing key for the services that seal or open personal data in events.
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(port + 1000));
        Path sealingKey = Path.of(System.getenv().getOrDefault("MAILLAGE_RUN", ".run"), "jwt", "sealing.key");
        if (!env.containsKey("MAILLAGE_SEALING_KEY") && java.nio.file.Files.isReadable(sealingKey)) {
            builder.environment().put("MAILLAGE_SEALING_KEY", java.nio.file.Files.readString(sealingKey).trim());
        }
        ServiceProcess started = new ServiceProcess(name, builder.start(), port);
        started.awaitHealthy(Duration.ofSeconds(120));
        return started;
    }

    public int port() {
        return port;
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface (health, metrics, OpenAPI), port + 1000. */
    public String managementUri() {
        return "http://127.0.0.1:" + (port + 1000);
    }

    /** Alive and serving HTTP (readiness may also wait for Kafka, which a second instance may be kept from). */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up, see deploy/target/" + name + ".log");
            }
            // the management port; the API port for a jar built before the management interface existed
            for (String base : List.of(managementUri(), baseUri())) {
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/live")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout + ", see deploy/target/" + name + ".log");
    }

    /** kill -9: no shutdown hook, no graceful end of work in progress. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
