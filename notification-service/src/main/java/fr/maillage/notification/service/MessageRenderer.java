package fr.maillage.notification.service;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import fr.maillage.notification.config.NotificationConfig;
import fr.maillage.notification.domain.BookingCodes;
import fr.maillage.notification.domain.FrenchDates;
import fr.maillage.notification.domain.Gsm7;
import fr.maillage.notification.domain.MessageModel;
import fr.maillage.platform.phone.PhoneNumbers;
import fr.maillage.notification.domain.SelfServiceLinks;
import fr.maillage.notification.domain.Templates;
import fr.maillage.platform.crypto.SealedData;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

/** Renders the French Qute templates of templates/sms and templates/email. */
@ApplicationScoped
public class MessageRenderer {
    public record Email(String subject, String html, String text) {
    }

    public record SmsText(String text, int segments) {
    }

    private final Engine engine;
    private final ZoneId zone;
    private final SealedData sealed;
    private final AppClock clock;
    private final String region;

    MessageRenderer(Engine engine, NotificationConfig config, SealedData sealed, AppClock clock) {
        this.engine = engine;
        this.region = config.defaultRegion();
        this.zone = config.quietHours().zone();
        this.sealed = sealed;
        this.clock = clock;
    }

    /**
     * The SMS text, transliterated to GSM-7 so that it is billed in 160-character segments. When the full
     * text needs more than one segment and a "-short" variant exists (no street, no phone), the variant
     * is used if it is cheaper: small communes pay per segment.
     */
    public SmsText sms(String template, MessageModel model) {
        SmsText full = smsText(template, "sms/" + template, model);
        if (full.segments() > 1 && engine.getTemplate("sms/" + template + "-short") != null) {
            SmsText shorter = smsText(template, "sms/" + template + "-short", model);
            if (shorter.segments() < full.segments()) {
                return shorter;
            }
        }
        return full;
    }

    private SmsText smsText(String template, String id, MessageModel model) {
        String text = Gsm7.transliterate(instance(id, data(template, model)).strip().replaceAll("\\s*\\n\\s*", " "));
        return new SmsText(text, Gsm7.segments(text));
    }

    /**
     * The text a voice call reads aloud (templates/voice, issue 18): plain French, the message said twice (« Je
     * répète : »), dates and the place's number written as they are said. Never a link: the link and calendar members
     * are emptied before rendering, so no template can read a self-service token aloud (nor hand it to the provider).
     */
    public String voice(String template, MessageModel model) {
        Map<String, Object> data = data(template, model);
        data.put("selfServiceUrl", "");
        data.put("manageLabel", "");
        data.put("icsUrl", "");
        data.put("code", "");
        data.put("actionUrl", "");
        ZoneId zone = model.zoneOr(this.zone);
        data.put("spokenDate", model.start() == null ? "" : FrenchDates.spokenDayAndTime(model.start().toInstant(), zone));
        data.put("spokenPreviousDate", model.previousStart() == null ? ""
                : FrenchDates.spokenDayAndTime(model.previousStart().toInstant(), zone));
        data.put("spokenPlacePhone", model.placePhone() == null || model.placePhone().isBlank() ? ""
                : PhoneNumbers.national(model.placePhone(), region));
        return instance("voice/" + template, data).strip().replaceAll("\\s+", " ");
    }

    public Email email(String template, MessageModel model) {
        Map<String, Object> data = data(template, model);
        String intro = instance("email/" + template, data(template, model)).strip();
        data.put("intro", intro);
        data.put("subject", Templates.SUBJECTS.getOrDefault(template, "Maillage"));
        return new Email(Templates.SUBJECTS.getOrDefault(template, "Maillage"),
                instance("email/layout.html", data), instance("email/layout.txt", data).strip() + "\n");
    }

    private String instance(String id, Map<String, Object> data) {
        Template template = engine.getTemplate(id);
        if (template == null) {
            throw new IllegalStateException("Template " + id + " missing");
        }
        var instance = template.instance();
        data.forEach(instance::data);
        return instance.render();
    }

    /**
     * Template data: every value present (empty string when unknown, so {#if} reads it as absent). The self-service
     * link is the citizen page {@code /rdv/{token}} (SelfServiceLinks), offered with the words of what that page can do
     * for this message ({@code manageLabel}, empty: no link); the code of a booking_code message is opened here, in
     * memory only.
     */
    private Map<String, Object> data(String template, MessageModel m) {
        ZoneId zone = m.zoneOr(this.zone); // issue 21: the place's local time
        Map<String, Object> d = new HashMap<>();
        d.put("firstName", s(m.firstName()));
        d.put("offerTitle", s(m.offerTitle()));
        d.put("placeName", s(m.placeName()));
        d.put("street", s(m.street()));
        d.put("postalCode", s(m.postalCode()));
        d.put("commune", s(m.commune()));
        d.put("placePhone", s(m.placePhone()));
        d.put("cancelReason", s(m.cancelReason()));
        d.put("selfServiceUrl", s(SelfServiceLinks.page(m.selfServiceUrl())));
        d.put("manageLabel", SelfServiceLinks.label(template, m, clock.now()));
        d.put("code", Templates.BOOKING_CODE.equals(template) ? code(m.code()) : "");
        d.put("codeValidMinutes", m.codeValidMinutes() == null ? 10 : m.codeValidMinutes());
        d.put("icsUrl", s(m.icsUrl()));
        d.put("date", m.start() == null ? "" : FrenchDates.dayAndTime(m.start().toInstant(), zone));
        d.put("endTime", m.end() == null ? "" : FrenchDates.time(m.end().toInstant(), zone));
        d.put("previousDate", m.previousStart() == null ? "" : FrenchDates.dayAndTime(m.previousStart().toInstant(), zone));
        // issue 19: a permanence's times « mardi 3 décembre de 9 h 00 à 11 h 00 », the reason of a move or cancellation,
        // the days of an absence, and the link to act on (answer a staffing request, book again)
        d.put("range", m.start() == null ? ""
                : FrenchDates.dayAndRange(m.start().toInstant(), m.end() == null ? null : m.end().toInstant(), zone));
        d.put("reason", s(m.cancelReason()));
        d.put("period", m.periodFrom() == null ? "" : FrenchDates.period(m.periodFrom(), m.periodTo()));
        d.put("actionUrl", actionUrl(m.actionUrl()));
        d.put("actionLabel", switch (template) {
            case Templates.STAFFING_REQUESTED -> "Répondre (j'accepte / je ne peux pas)";
            case Templates.BOOKING_CANCELLED_BY_ABSENCE -> "Reprendre rendez-vous";
            default -> "";
        });
        return d;
    }

    /**
     * The link to act on: a staffing request's answer link arrives sealed ({@code s1.…}, a capability like a self-service
     * link) and is opened here, in memory only; a clear link (the page to book again) as it is.
     */
    private String actionUrl(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        return url.startsWith("s1.") ? sealed.open(url) : url;
    }

    /** The six digits of a sealed code; a code that cannot be opened stops the message (retried, then failed). */
    private String code(String sealedCode) {
        String digits = sealedCode == null ? null : BookingCodes.digits(sealed.open(sealedCode));
        if (digits == null) {
            throw new IllegalStateException("booking_code message without a readable code");
        }
        return digits;
    }

    private static String s(String value) {
        return value == null ? "" : value;
    }
}
