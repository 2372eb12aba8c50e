package fr.maillage.notification.service.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import fr.maillage.notification.config.NotificationConfig;
import io.quarkus.runtime.LaunchMode;

/**
 * Issue 16, item 15: a packaged (production-mode) service without SMS_URL refuses to start unless a development run is
 * declared; the log stand-in reaches nobody (the worker records its messages skipped / no_provider) and masks links
 * and numbers.
 */
class SmsProvidersTest {
    private final SmsProvider http = new SmsProvider() {
        @Override
        public String send(Sms sms) {
            return "id";
        }

        @Override
        public Optional<String> lookup(UUID reference) {
            return Optional.empty();
        }

        @Override
        public String name() {
            return "http";
        }
    };
    private final LogSmsProvider log = new LogSmsProvider();

    private static NotificationConfig config(String url, boolean logProvider) {
        NotificationConfig.Sms sms = (NotificationConfig.Sms) Proxy.newProxyInstance(SmsProvidersTest.class.getClassLoader(),
                new Class<?>[] { NotificationConfig.Sms.class }, (p, m, a) -> switch (m.getName()) {
                    case "url" -> Optional.ofNullable(url);
                    case "logProvider" -> logProvider;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (NotificationConfig) Proxy.newProxyInstance(SmsProvidersTest.class.getClassLoader(),
                new Class<?>[] { NotificationConfig.class }, (p, m, a) -> {
                    if (m.getName().equals("sms")) {
                        return sms;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void productionModeWithoutAProviderDoesNotStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SmsProviders(config(null, false), http, log, LaunchMode.NORMAL));
        assertTrue(e.getMessage().contains("SMS_URL") && e.getMessage().contains("MAILLAGE_NOTIFICATION_SMS_LOG_PROVIDER"));
        assertThrows(IllegalStateException.class, () -> new SmsProviders(config("  ", false), http, log, LaunchMode.NORMAL));
    }

    @Test
    void theProviderWhenConfiguredTheLogOnlyInDevelopment() {
        assertSame(http, new SmsProviders(config("http://127.0.0.1:8089", false), http, log, LaunchMode.NORMAL).active());
        assertSame(log, new SmsProviders(config(null, true), http, log, LaunchMode.NORMAL).active(), "declared development run");
        assertSame(log, new SmsProviders(config(null, false), http, log, LaunchMode.DEVELOPMENT).active(), "quarkus:dev");
        assertSame(log, new SmsProviders(config(null, false), http, log, LaunchMode.TEST).active());
        assertFalse(log.delivers(), "the worker records its messages skipped / no_provider, not sent");
        assertTrue(http.delivers());
    }

    @Test
    void theLogStandInMasksTheNumberAndEveryLinkOrNumberOfTheText() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage() + " " + Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("fr.maillage.notification.sms");
        logger.addHandler(capture);
        try {
            log.send(new SmsProvider.Sms(UUID.randomUUID(), "+33612345678", "RDV confirmé. Gérer : "
                    + "https://rdv.maillage.fr/api/v1/bookings/self/q7Xv3Jm0Zb5tR1yKc8WnP2sLd4Gh6Fa9Ue0Oi3Tk7Ry Tél. 02 99 98 76 54", 1));
        } finally {
            logger.removeHandler(capture);
        }
        String all = String.join("\n", lines);
        assertFalse(lines.isEmpty(), "the message is logged");
        assertFalse(all.contains("q7Xv3Jm0Zb5tR1y"), all);
        assertFalse(all.contains("+33612345678"), all);
        assertFalse(all.contains("02 99 98 76 54"), all);
        assertTrue(all.contains("not sent"), all);
    }
}
