package fr.maillage.notification.service.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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

/**
 * Issue 18: the voice provider is the HTTP API when VOICE_URL is set; otherwise the log stand-in, in every mode (a
 * territory may run without voice calls: SMS and e-mail must not stop for it), which reaches nobody (recorded
 * skipped / no_provider) and masks the number and any number or link of the text.
 */
class VoiceProvidersTest {
    private final VoiceProvider http = new VoiceProvider() {
        @Override
        public String send(Call call) {
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
    private final LogVoiceProvider log = new LogVoiceProvider();

    private static NotificationConfig config(String url) {
        NotificationConfig.Voice voice = (NotificationConfig.Voice) Proxy.newProxyInstance(
                VoiceProvidersTest.class.getClassLoader(), new Class<?>[] { NotificationConfig.Voice.class },
                (p, m, a) -> switch (m.getName()) {
                    case "url" -> Optional.ofNullable(url);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (NotificationConfig) Proxy.newProxyInstance(VoiceProvidersTest.class.getClassLoader(),
                new Class<?>[] { NotificationConfig.class }, (p, m, a) -> {
                    if (m.getName().equals("voice")) {
                        return voice;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void theProviderWhenConfiguredElseTheLogStandInThatReachesNobody() {
        assertSame(http, new VoiceProviders(config("http://127.0.0.1:8089/voice"), http, log).active());
        assertSame(log, new VoiceProviders(config(null), http, log).active(), "starts without VOICE_URL");
        assertSame(log, new VoiceProviders(config("  "), http, log).active());
        assertFalse(log.delivers(), "the worker records its calls skipped / no_provider, not sent");
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
        Logger logger = Logger.getLogger("fr.maillage.notification.voice");
        logger.addHandler(capture);
        try {
            log.send(new VoiceProvider.Call(UUID.randomUUID(), "+33299123456", "Bonjour, ceci est un rappel de Maillage."
                    + " https://rdv.maillage.fr/rdv/q7Xv3Jm0Zb5tR1yKc8WnP2sLd4Gh6Fa9Ue0Oi3Tk7Ry appelez le 02 99 98 76 54."));
        } finally {
            logger.removeHandler(capture);
        }
        String all = String.join("\n", lines);
        assertFalse(lines.isEmpty(), "the call is logged");
        assertFalse(all.contains("q7Xv3Jm0Zb5tR1y"), all);
        assertFalse(all.contains("+33299123456"), all);
        assertFalse(all.contains("02 99 98 76 54"), all);
        assertTrue(all.contains("not placed") && all.contains("rappel de Maillage"), all);
    }
}
