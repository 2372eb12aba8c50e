package fr.maillage.notification.service;

import fr.maillage.notification.domain.Redaction;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Method;
import biweekly.property.Status;
import fr.maillage.notification.config.NotificationConfig;
import fr.maillage.notification.domain.MessageModel;
import fr.maillage.notification.domain.Templates;
import fr.maillage.notification.service.channel.SendException;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;

/** Email over SMTP (quarkus-mailer): HTML + plain text, the appointment as an ICS attachment. */
@ApplicationScoped
public class EmailSender {
    /** Messages about an appointment the person will attend: they get the calendar file. */
    private static final Set<String> WITH_ICS = Set.of(Templates.BOOKING_CONFIRMED, Templates.BOOKING_PROMOTED,
            Templates.BOOKING_RESCHEDULED, Templates.BOOKING_REMINDER, Templates.BOOKING_CANCELLED_BY_CITIZEN,
            Templates.BOOKING_CANCELLED_BY_SERVICE, Templates.SHIFT_ASSIGNED, Templates.SHIFT_CHANGED,
            Templates.SHIFT_CANCELLED, Templates.SHIFT_REMINDER, Templates.BOOKING_MOVED,
            Templates.BOOKING_CANCELLED_BY_ABSENCE);

    private final ReactiveMailer mailer;
    private final MessageRenderer renderer;
    private final NotificationConfig config;

    EmailSender(ReactiveMailer mailer, MessageRenderer renderer, NotificationConfig config) {
        this.mailer = mailer;
        this.renderer = renderer;
        this.config = config;
    }

    /** @return the Message-ID, derived from the notification id so a resend is recognisable as the same mail. */
    public String send(UUID notificationId, String to, String template, MessageModel model) {
        MessageRenderer.Email email = renderer.email(template, model);
        String messageId = "<" + notificationId + "@maillage>";
        Mail mail = Mail.withHtml(to, email.subject(), email.html()).setText(email.text()).setFrom(config.email().from())
                .addHeader("Message-ID", messageId).addHeader("X-Maillage-Notification", notificationId.toString());
        if (WITH_ICS.contains(template) && model.start() != null) {
            mail.addAttachment("rendez-vous.ics", ics(template, model).getBytes(StandardCharsets.UTF_8),
                    "text/calendar; charset=UTF-8; method=" + (cancelled(template) ? "CANCEL" : "PUBLISH"));
        }
        try {
            // bounded: a stalled SMTP server must not hold a worker thread past the lease
            mailer.send(mail).await().atMost(java.time.Duration.ofSeconds(20));
        } catch (RuntimeException e) {
            throw classify(e);
        }
        return messageId;
    }

    /** The calendar event, with a stable UID per booking/shift so calendar apps update it in place. */
    String ics(String template, MessageModel m) {
        ICalendar ical = new ICalendar();
        ical.setProductId("-//Maillage//notification-service//FR");
        ical.setMethod(cancelled(template) ? Method.cancel() : Method.publish());
        VEvent event = new VEvent();
        UUID owner = m.bookingId() != null ? m.bookingId() : m.shiftId();
        event.setUid(owner + "@maillage");
        event.setSummary(m.offerTitle() == null ? "Rendez-vous" : m.offerTitle());
        event.setDateStart(Date.from(m.start().toInstant()));
        if (m.end() != null) {
            event.setDateEnd(Date.from(m.end().toInstant()));
        }
        String location = String.join(", ", nonBlank(m.placeName(), m.street(),
                ((m.postalCode() == null ? "" : m.postalCode()) + " " + (m.commune() == null ? "" : m.commune())).trim()));
        event.setLocation(location);
        if (m.selfServiceUrl() != null) {
            event.setDescription("Voir ou annuler : " + m.selfServiceUrl());
            event.setUrl(m.selfServiceUrl());
        }
        if (cancelled(template)) {
            event.setStatus(Status.cancelled());
        }
        ical.addEvent(event);
        return Biweekly.write(ical).go();
    }

    private static boolean cancelled(String template) {
        return template.contains("cancelled");
    }

    private static java.util.List<String> nonBlank(String... values) {
        return java.util.Arrays.stream(values).filter(v -> v != null && !v.isBlank()).toList();
    }

    private static SendException classify(RuntimeException e) {
        Throwable t = e;
        while (t != null && !(t instanceof SMTPException)) {
            t = t.getCause();
        }
        if (t instanceof SMTPException smtp) {
            String message = "SMTP " + smtp.getReplyCode() + " : " + Redaction.redact(smtp.getReplyMessage());
            return smtp.isPermanent() ? new SendException.Permanent(message) : new SendException(message, false);
        }
        return new SendException("SMTP : " + Redaction.describe(e), false);
    }
}
