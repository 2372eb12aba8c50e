package fr.maillage.offers.events;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Ticks the relay. A separate bean because the scheduler may fire before reactive messaging has wired
 * the "outbox" channel, and creating the relay (which injects the emitter) that early fails.
 */
@ApplicationScoped
public class OutboxRelayJob {
    private final OutboxRelay relay;
    private volatile boolean started;

    OutboxRelayJob(OutboxRelay relay) {
        this.relay = relay;
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${maillage.outbox.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (started) {
            relay.relay();
        }
    }
}
