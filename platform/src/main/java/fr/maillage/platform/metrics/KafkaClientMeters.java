package fr.maillage.platform.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Kafka's own client metrics on /q/metrics (Micrometer's {@link KafkaClientMetrics}) for every consumer and producer of
 * the messaging channels, among them the lag per topic partition, {@code kafka_consumer_fetch_manager_records_lag}.
 * It replaces Quarkus' binder ({@code quarkus.micrometer.binder.kafka.enabled=false}) for one reason: that binder looks
 * for new Kafka metrics every minute, and a partition's lag only exists once the partition is assigned, so the lag
 * appeared a minute after each start or rebalance; here every {@code maillage.metrics.kafka-refresh} (10 s).
 */
@ApplicationScoped
public class KafkaClientMeters {
    private final MeterRegistry registry;
    private final Duration refresh;
    private final Map<Object, KafkaClientMetrics> bound = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kafka-client-meters");
        t.setDaemon(true);
        return t;
    });

    KafkaClientMeters(MeterRegistry registry,
            @ConfigProperty(name = "maillage.metrics.kafka-refresh", defaultValue = "10s") Duration refresh) {
        this.registry = registry;
        this.refresh = refresh;
    }

    void consumerCreated(@Observes Consumer<?, ?> consumer) {
        bind(consumer, new KafkaClientMetrics(consumer, List.of(), scheduler, refresh));
    }

    void producerCreated(@Observes Producer<?, ?> producer) {
        bind(producer, new KafkaClientMetrics(producer, List.of(), scheduler, refresh));
    }

    private void bind(Object client, KafkaClientMetrics metrics) {
        metrics.bindTo(registry);
        KafkaClientMetrics previous = bound.put(client, metrics);
        if (previous != null) {
            previous.close();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        bound.values().forEach(KafkaClientMetrics::close);
        scheduler.shutdownNow();
    }
}
