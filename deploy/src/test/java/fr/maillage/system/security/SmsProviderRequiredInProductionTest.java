package fr.maillage.system.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.maillage.system.ServiceProcess;

/**
 * Issue 16, item 15: the packaged notification-service (production mode) picked the log SMS provider whenever SMS_URL
 * was empty — nothing in Kubernetes or compose set it — recorded every message "sent" and logged its text with the
 * self-service link. Now it refuses to start without a real provider, naming SMS_URL and the explicit development
 * switch (MAILLAGE_NOTIFICATION_SMS_LOG_PROVIDER=true), as it refuses a malformed webhook key. (The log stand-in's
 * masking and its skipped / no_provider receipts are proven by notification-service's module tests.)
 */
class SmsProviderRequiredInProductionTest {

    @Test
    void thePackagedServiceWithoutSmsUrlDoesNotStart() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SMS_URL", "");
        env.put("MAILLAGE_NOTIFICATION_SMS_LOG_PROVIDER", "false");
        // should it start after all (the defect), it must not take the running stack's work
        env.put("KAFKA_GROUP_ID", "notification-no-sms-provider");
        for (String channel : new String[] { "BOOKINGS", "SHIFTS", "PEOPLE", "OFFERS", "SESSIONS" }) {
            env.put("MP_MESSAGING_INCOMING_" + channel + "_ENABLED", "false");
        }
        env.put("MAILLAGE_NOTIFICATION_WORKER_ENABLED", "false");
        env.put("MAILLAGE_WEBHOOKS_SENDER_ENABLED", "false");
        String refusal = null;
        try (ServiceProcess started = ServiceProcess.start("notification", "notification-no-sms-provider", 18094, env)) {
            refusal = "started";
        } catch (IllegalStateException exited) {
            refusal = exited.getMessage();
        }
        assertTrue(refusal.contains("exited during start-up"), "the service started without an SMS provider: " + refusal);
        String log = Files.readString(Path.of("target/notification-no-sms-provider.log"));
        assertTrue(log.contains("SMS_URL") && log.contains("MAILLAGE_NOTIFICATION_SMS_LOG_PROVIDER"),
                "the refusal names the setting and the development switch");
        assertEquals(false, log.contains("/bookings/self/"));
    }
}
