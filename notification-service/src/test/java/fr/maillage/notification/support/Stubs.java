package fr.maillage.notification.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real protocol stubs in the test JVM: GreenMail (SMTP) and WireMock (HTTP SMS API), on free ports.
 * Numbers ending in special digits trigger provider errors (see constants).
 */
public class Stubs implements QuarkusTestResourceLifecycleManager {
    /** The provider refuses this number (HTTP 400): a permanent failure. */
    public static final String REJECTED_MOBILE = "+33699000400";
    /** The provider fails for this number (HTTP 503): retried, then failed. */
    public static final String FAILING_MOBILE = "+33699000503";

    /** The voice provider refuses this landline (HTTP 400): a permanent failure. */
    public static final String REJECTED_LANDLINE = "+33299000400";
    /** The voice provider fails for this landline (HTTP 503): retried, then failed. */
    public static final String FAILING_LANDLINE = "+33299000503";

    public static GreenMail greenMail;
    public static WireMockServer wireMock;

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        wireMock = new WireMockServer(options().port(freePort()).bindAddress("127.0.0.1").extensions(new FakeSmsApi()));
        wireMock.start();
        stubProvider(wireMock);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", String.valueOf(greenMail.getSmtp().getPort()));
        config.put("maillage.notification.sms.url", wireMock.baseUrl());
        config.put("maillage.notification.sms.api-key", "test-key");
        // the voice provider's API on the same stub, under /voice (as the local stack's WireMock does)
        config.put("maillage.notification.voice.url", wireMock.baseUrl() + "/voice");
        config.put("maillage.notification.voice.api-key", "test-voice-key");
        config.put("maillage.notification.voice.callback-url", "http://127.0.0.1:8080/api/v1/notifications/callbacks/voice");
        config.put("maillage.notification.worker.interval", "1s");
        config.put("maillage.notification.worker.delay", "1s");
        config.put("maillage.notification.worker.backoff-initial", "PT1S");
        config.put("maillage.notification.worker.max-attempts", "3");
        // Tests run at any hour: quiet hours are switched on explicitly by QuietHoursTest.
        config.put("maillage.notification.quiet-hours.enabled", "false");
        config.put("maillage.outbox.interval", "1s");
        // a round that died after claiming (rows left 'sending') is reconciled after 15 s, not 2 min
        config.put("maillage.notification.worker.lease", "PT15S");
        return config;
    }

    public static void stubProvider(WireMockServer server) {
        server.stubFor(post(urlEqualTo("/messages")).atPriority(5)
                .willReturn(aResponse().withTransformers(FakeSmsApi.NAME)));
        server.stubFor(get(urlPathMatching("/messages/by-reference/.*")).atPriority(5)
                .willReturn(aResponse().withTransformers(FakeSmsApi.NAME)));
        // voice calls (issue 18): the same remembering provider, POST /voice/calls and GET /voice/calls/by-reference/{ref}
        server.stubFor(post(urlEqualTo("/voice/calls")).atPriority(5)
                .willReturn(aResponse().withTransformers(FakeSmsApi.NAME)));
        server.stubFor(get(urlPathMatching("/voice/calls/by-reference/.*")).atPriority(5)
                .willReturn(aResponse().withTransformers(FakeSmsApi.NAME)));
        server.stubFor(post(urlEqualTo("/voice/calls")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", equalTo(REJECTED_LANDLINE)))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"numéro non attribué\"}")));
        server.stubFor(post(urlEqualTo("/voice/calls")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", equalTo(FAILING_LANDLINE)))
                .willReturn(aResponse().withStatus(503).withBody("maintenance")));
        server.stubFor(get(urlEqualTo("/stats")).willReturn(aResponse().withTransformers(FakeSmsApi.NAME)));
        server.stubFor(post(urlEqualTo("/messages")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", equalTo(REJECTED_MOBILE)))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"numéro non attribué\"}")));
        server.stubFor(post(urlEqualTo("/messages")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", equalTo(FAILING_MOBILE)))
                .willReturn(aResponse().withStatus(503).withBody("maintenance")));
    }

    /**
     * How many times the provider received the SMS with this reference, read from WireMock's request
     * journal (robust to the test and the extension living in different class loaders).
     */
    public static int smsCount(String reference) {
        return wireMock.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/messages"))
                .withHeader("Idempotency-Key", equalTo(reference))).size();
    }

    @Override
    public void stop() {
        if (wireMock != null) {
            wireMock.stop();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
