package fr.maillage.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import fr.maillage.notification.config.NotificationConfig;
import fr.maillage.notification.domain.QuietHours;
import fr.maillage.notification.domain.Redaction;
import fr.maillage.notification.domain.Templates;
import fr.maillage.notification.service.NotificationStore.Claimed;
import fr.maillage.notification.service.NotificationStore.Outcome;
import fr.maillage.notification.service.channel.SendException;
import fr.maillage.notification.service.channel.SmsProvider;
import fr.maillage.notification.service.channel.SmsProviders;
import fr.maillage.notification.service.channel.VoiceProvider;
import fr.maillage.notification.service.channel.VoiceProviders;
import fr.maillage.platform.events.PgNotifications;
import fr.maillage.platform.tracing.RequestIds;
import fr.maillage.platform.tracing.TraceHeaders;
import fr.maillage.platform.tracing.Traced;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends due notifications. Each round: (1) a short transaction claims due rows with FOR UPDATE SKIP
 * LOCKED and marks them 'sending' under a lease, so replicas share the work; (2) messages go to the
 * providers in parallel, outside any transaction; (3) one transaction records every outcome with its
 * delivery event. A kill between (2) and (3) leaves rows 'sending': once the lease expires they are
 * claimed again and, for SMS, first reconciled with the provider by reference (the notification id,
 * also the Idempotency-Key of the first attempt), so a message the provider already accepted is
 * recorded as sent instead of being sent twice.
 * <p>
 * When rounds run: at once when a transaction commits a message due now (V5's trigger notifies
 * {@value #DUE_CHANNEL}, heard through the platform's {@link PgNotifications}), and every
 * {@code maillage.notification.worker.interval} for what comes due later (reminders, retries, the morning after
 * quiet hours) or a notification lost while the LISTEN connection was down.
 */
@ApplicationScoped
public class NotificationWorker {
    private static final Logger LOG = Logger.getLogger(NotificationWorker.class);
    /** NOTIFY channel of V5__notification_due_notify.sql. */
    static final String DUE_CHANNEL = "notification_due";
    /** Skip reason of an SMS only written to the log (development, no SMS provider configured). */
    static final String NO_PROVIDER = "no_provider";
    /** Channels addressed to a phone number: the opt-outs (sms_opt_out, by number) and quiet hours hold them. */
    static final Set<String> PHONE_CHANNELS = Set.of("sms", "voice");

    private final NotificationStore store;
    private final NotificationConfig config;
    private final AppClock clock;
    private final SmsProviders sms;
    private final VoiceProviders voice;
    private final EmailSender email;
    private final MessageRenderer renderer;
    private final OptOuts optOuts;
    private final QuietHoursPolicy quietHours;
    private final ExecutorService pool;
    private final ExecutorService rounds;
    private final PgNotifications notifications;
    private final ExecutorService waker;
    /** A wake-up is queued on {@link #waker}: notifications arriving meanwhile fold into it. */
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Rounds were asked for while others ran: the running caller does them again (no wake-up is lost). */
    private final AtomicBoolean again = new AtomicBoolean();
    private final ReentrantLock working = new ReentrantLock();
    private final TraceHeaders traceHeaders;
    private final Tracer tracer;
    private final NotificationMeters meters;

    NotificationWorker(NotificationStore store, NotificationConfig config, AppClock clock, SmsProviders sms,
            VoiceProviders voice, EmailSender email, MessageRenderer renderer, OptOuts optOuts, QuietHoursPolicy quietHours,
            PgNotifications notifications, TraceHeaders traceHeaders, OpenTelemetry openTelemetry, NotificationMeters meters) {
        this.traceHeaders = traceHeaders;
        this.tracer = openTelemetry.getTracer("fr.maillage.notification");
        this.store = store;
        this.meters = meters;
        this.config = config;
        this.clock = clock;
        this.sms = sms;
        this.voice = voice;
        this.email = email;
        this.renderer = renderer;
        this.optOuts = optOuts;
        this.quietHours = quietHours;
        this.notifications = notifications;
        this.pool = Executors.newFixedThreadPool(config.worker().concurrency(), r -> {
            Thread t = new Thread(r, "notification-sender");
            t.setDaemon(true);
            return t;
        });
        this.rounds = Executors.newFixedThreadPool(config.worker().rounds(), r -> {
            Thread t = new Thread(r, "notification-round");
            t.setDaemon(true);
            return t;
        });
        this.waker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "notification-wake");
            t.setDaemon(true);
            return t;
        });
    }

    void listen(@Observes StartupEvent start) {
        if (config.worker().enabled() && config.worker().wakeOnCommit()) {
            notifications.listen(DUE_CHANNEL, this::wake);
        }
    }

    /** Called on the platform's listener thread: hands over at once. */
    void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            waker.execute(() -> {
                wakeQueued.set(false);
                work();
            });
        }
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
        rounds.shutdownNow();
        pool.shutdownNow();
    }

    @Scheduled(every = "${maillage.notification.worker.interval}", delayed = "${maillage.notification.worker.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        work();
    }

    /** Runs the rounds unless they are running; then the running caller runs them once more after. */
    private void work() {
        if (!config.worker().enabled()) {
            return;
        }
        again.set(true);
        while (again.get() && working.tryLock()) {
            try {
                again.set(false);
                runRounds();
            } finally {
                working.unlock();
            }
        }
    }

    private void runRounds() {
        // Several rounds at once, like replicas (SKIP LOCKED keeps them apart): while one round waits on
        // the database (claim, record), the other's messages keep the sender threads busy.
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < config.worker().rounds(); i++) {
            loops.add(rounds.submit(this::drain));
        }
        for (Future<?> loop : loops) {
            try {
                loop.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                LOG.warnf("Notification worker round failed: %s", Redaction.describe(e.getCause()));
            }
        }
    }

    private void drain() {
        try {
            while (runOnce() == config.worker().batchSize()) {
                // a full batch: more rows are due, go on
            }
        } catch (RuntimeException e) {
            LOG.warnf("Notification worker paused until next tick: %s", Redaction.describe(e));
        }
    }

    /** One claim-send-record round. @return the number of rows claimed. */
    public int runOnce() {
        Instant now = clock.now();
        List<Claimed> rows = QuarkusTransaction.requiringNew()
                .call(() -> store.claim(now, now.plus(config.worker().lease()), config.worker().batchSize()));
        if (rows.isEmpty()) {
            return 0;
        }
        Set<String> optedOut = optOuts.among(rows.stream().filter(r -> PHONE_CHANNELS.contains(r.channel()) && r.recipient() != null)
                .map(Claimed::recipient).distinct().toList());
        List<Future<Outcome>> futures = new ArrayList<>(rows.size());
        for (Claimed row : rows) {
            futures.add(pool.submit(() -> traced(row, () -> process(row, now, optedOut.contains(row.recipient())))));
        }
        List<Outcome> outcomes = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            try {
                outcomes.add(futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return rows.size(); // shutting down: the lease expires, the rows are reconciled later
            } catch (ExecutionException e) {
                outcomes.add(retryOrFail(rows.get(i), now, Redaction.describe(e.getCause())));
            }
        }
        QuarkusTransaction.requiringNew().run(() -> store.record(outcomes, clock.now()));
        return rows.size();
    }

    /**
     * Runs one message's send within the trace of the event that planned it (a span child of the consumer's, stored
     * with the row; the provider's HTTP call is a span of it) and with that event's request id in the log lines.
     */
    private Outcome traced(Claimed row, java.util.function.Supplier<Outcome> send) {
        Map<String, String> carried = traceHeaders.fromJson(row.traceHeaders());
        String requestId = RequestIds.acceptOrNull(carried.get(RequestIds.HEADER));
        Span span = tracer.spanBuilder("notification send " + row.channel()).setParent(traceHeaders.extract(carried))
                .setAttribute("maillage.notification.id", row.id().toString())
                .setAttribute("maillage.notification.channel", row.channel()).startSpan();
        return Traced.call(span, requestId, () -> {
            Outcome outcome = send.get();
            span.setAttribute("maillage.notification.status", outcome.status());
            LOG.infof("Notification %s (%s, %s): %s", row.id(), row.channel(), row.template(), outcome.status());
            return outcome;
        });
    }

    Outcome process(Claimed row, Instant now, boolean optedOut) {
        if (row.recipient() == null) {
            return skip(row, "no_recipient");
        }
        if (row.reminderOffsetMinutes() != null && row.appointmentStart() != null
                && !row.appointmentStart().isAfter(now)) {
            return skip(row, "appointment_past");
        }
        if (row.model() != null && row.model().codeExpiresAt() != null
                && !row.model().codeExpiresAt().toInstant().isAfter(now)) {
            return skip(row, "code_expired"); // e.g. after an outage: the hold is over, the code is useless
        }
        try {
            Outcome outcome = switch (row.channel()) {
                case "sms" -> sendSms(row, now, optedOut);
                case "voice" -> sendVoice(row, now, optedOut);
                default -> sendEmail(row);
            };
            if ("sent".equals(outcome.status()) && outcome.attemptsDelta() > 0) {
                meters.sent(row.channel());
            }
            return outcome;
        } catch (SendException e) {
            if (e.permanent()) {
                meters.failed(row.channel(), true);
                return new Outcome(row, "failed", 1, null, null, Redaction.redact(e.getMessage()), null, null);
            }
            return retryOrFail(row, now, Redaction.redact(e.getMessage()));
        } catch (RuntimeException e) {
            return retryOrFail(row, now, Redaction.describe(e));
        }
    }

    /**
     * What holds back a message to a phone (SMS or voice call): the number's opt-out (but for what the service owes the
     * person), then the quiet hours. @return the outcome when held back, null when it may go now.
     */
    private Outcome heldBack(Claimed row, Instant now, boolean optedOut) {
        if (optedOut && !row.essential()) {
            return skip(row, "opted_out");
        }
        // a code is awaited on the booking page right now: sent at once, whatever the hour
        QuietHours.Decision decision = Templates.IMMEDIATE.contains(row.template()) ? new QuietHours.SendNow()
                : quietHours.current().decide(now, row.appointmentStart(),
                        row.model() == null ? null : row.model().zoneOr(quietHours.current().zone()));
        if (decision instanceof QuietHours.Skip s) {
            return skip(row, s.reason());
        }
        if (decision instanceof QuietHours.WaitUntil w) {
            return new Outcome(row, "pending", 0, null, null, null, null, w.morning());
        }
        return null;
    }

    /**
     * A voice call (issue 18), like an SMS: opt-out, quiet hours, reconciliation with the provider after a crash (by
     * reference, the notification id, also the Idempotency-Key of the call), never « sent » by the log stand-in.
     */
    private Outcome sendVoice(Claimed row, Instant now, boolean optedOut) {
        Outcome held = heldBack(row, now, optedOut);
        if (held != null) {
            return held;
        }
        String text = renderer.voice(row.template(), row.model());
        VoiceProvider provider = voice.active();
        if ("sending".equals(row.previousStatus())) {
            Optional<String> accepted = provider.lookup(row.id());
            if (accepted.isPresent()) {
                LOG.infof("Notification %s (voice) was accepted before a crash: recorded, not called again", row.id());
                return new Outcome(row, "sent", 0, null, accepted.get(), null, null, null);
            }
        }
        String callId = provider.send(new VoiceProvider.Call(row.id(), row.recipient(), text));
        if (!provider.delivers()) {
            return skip(row, NO_PROVIDER);
        }
        return new Outcome(row, "sent", 1, null, callId, null, null, null);
    }

    private Outcome sendSms(Claimed row, Instant now, boolean optedOut) {
        Outcome held = heldBack(row, now, optedOut);
        if (held != null) {
            return held;
        }
        MessageRenderer.SmsText text = renderer.sms(row.template(), row.model());
        SmsProvider provider = sms.active();
        if ("sending".equals(row.previousStatus())) {
            Optional<String> accepted = provider.lookup(row.id());
            if (accepted.isPresent()) {
                LOG.infof("Notification %s was accepted before a crash: recorded, not resent", row.id());
                return new Outcome(row, "sent", 0, text.segments(), accepted.get(), null, null, null);
            }
        }
        String providerId = provider.send(new SmsProvider.Sms(row.id(), row.recipient(), text.text(), text.segments()));
        if (!provider.delivers()) {
            // the development log provider: nothing reached the person, so never "sent"
            return skip(row, NO_PROVIDER);
        }
        return new Outcome(row, "sent", 1, text.segments(), providerId, null, null, null);
    }

    private Outcome sendEmail(Claimed row) {
        String messageId = email.send(row.id(), row.recipient(), row.template(), row.model());
        return new Outcome(row, "sent", 1, null, messageId, null, null, null);
    }

    private Outcome skip(Claimed row, String reason) {
        return new Outcome(row, "skipped", 0, null, null, null, reason, null);
    }

    /** Temporary failure: exponential backoff (initial × 2^(attempt-1), capped), failed after the last attempt. */
    Outcome retryOrFail(Claimed row, Instant now, String error) {
        int attempt = row.attempts() + 1;
        meters.failed(row.channel(), false);
        LOG.infof("Notification %s (%s) attempt %d failed: %s", row.id(), row.channel(), attempt, error);
        if (attempt >= config.worker().maxAttempts()) {
            return new Outcome(row, "failed", 1, null, null, error, null, null);
        }
        Duration delay = config.worker().backoffInitial().multipliedBy(1L << Math.min(attempt - 1, 20));
        if (delay.compareTo(config.worker().backoffMax()) > 0) {
            delay = config.worker().backoffMax();
        }
        return new Outcome(row, "pending", 1, null, null, error, null, now.plus(delay));
    }
}
