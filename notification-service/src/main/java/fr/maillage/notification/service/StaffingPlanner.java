package fr.maillage.notification.service;

import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import fr.maillage.notification.domain.MessageModel;
import fr.maillage.notification.domain.NewNotification;
import fr.maillage.notification.domain.NewNotification.Orgs;
import fr.maillage.notification.domain.Templates;
import fr.maillage.notification.events.ConsumedEvents.Envelope;
import fr.maillage.notification.events.ConsumedEvents.Person;
import fr.maillage.notification.events.ConsumedEvents.StaffingRequest;
import fr.maillage.notification.events.EventConsumers;
import fr.maillage.notification.service.NotificationPlanner.Recipient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Staffing requests (issue 19): a volunteer asked to staff a permanence gets ONE message — an SMS when they take SMS
 * and have a mobile, else an e-mail — with the permanence and the link to answer; when someone else has accepted, a
 * « déjà assurée » message. A decline sends nothing (EventConsumers does not call us for it). The answer link is a
 * capability: it stays as booking-service sent it (sealed, or clear) in the stored model, is opened only to render the
 * text, and is never logged (the log lines name ids only).
 */
@ApplicationScoped
public class StaffingPlanner {
    private static final Logger LOG = Logger.getLogger(StaffingPlanner.class);

    private final NotificationPlanner planner;
    private final NotificationStore store;
    private final AppClock clock;

    StaffingPlanner(NotificationPlanner planner, NotificationStore store, AppClock clock) {
        this.planner = planner;
        this.store = store;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onStaffingRequest(Envelope<StaffingRequest> e) {
        StaffingRequest r = e.data();
        if (r.requestId() == null || r.personId() == null || r.start() == null) {
            LOG.warnf("%s %s without request, person or start: nothing sent", e.type(), e.eventId());
            return;
        }
        boolean covered = EventConsumers.STAFFING_COVERED.equals(e.type());
        String template = covered ? Templates.STAFFING_COVERED : Templates.STAFFING_REQUESTED;
        if (covered && store.skipPendingKeys(Templates.STAFFING_REQUESTED + "-" + r.requestId() + "-", "staffing_covered") > 0) {
            // the request itself had not gone out yet (quiet hours): neither goes, the person never heard of it
            LOG.infof("Staffing request %s covered before its message went out: nothing sent", r.requestId());
            return;
        }
        if (!r.start().toInstant().isAfter(clock.now())) {
            LOG.debugf("%s of request %s for a permanence already begun: nothing sent", e.type(), r.requestId());
            return;
        }
        Optional<Person> person = planner.person(r.personId());
        if (person.isEmpty()) {
            LOG.warnf("Staffing request %s: person %s unknown or deleted, nothing sent", r.requestId(), r.personId());
            return;
        }
        Recipient to = one(planner.recipients(person.get()));
        if (to == null) {
            LOG.infof("Staffing request %s: person %s takes neither SMS nor e-mail, nothing sent", r.requestId(), r.personId());
            return;
        }
        if (!covered && (r.answerUrl() == null || r.answerUrl().isBlank())) {
            LOG.warnf("%s %s carries no answer link: nothing sent", e.type(), e.eventId());
            return;
        }
        MessageModel model = new MessageModel(null, null, person.get().firstName(),
                r.offer() == null ? null : r.offer().title(), null, r.place() == null ? null : r.place().name(),
                r.place() == null ? null : r.place().street(), r.place() == null ? null : r.place().postalCode(),
                r.place() == null ? null : r.place().commune(), null, r.start(), r.end(), null, null, null, null)
                .withAction(covered ? null : r.answerUrl(), null, null)
                .withTimeZone(fr.maillage.notification.events.ConsumedEvents.zoneOf(r.timeZone(), r.place()));
        Orgs orgs = new Orgs(null, r.partnerId() != null ? r.partnerId() : person.get().partnerId());
        store.insert(new NewNotification(template + "-" + r.requestId() + "-" + to.channel(), template, null, false,
                to.channel(), to.address(), null, null, r.personId(), r.start().toInstant(), model, clock.now(),
                to.skipReason(), orgs));
    }

    /** StaffingRequestCancelled: the request's message, if it has not gone out yet (quiet hours), is not sent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onStaffingRequestCancelled(Envelope<StaffingRequest> e) {
        if (e.data().requestId() != null) {
            store.skipPendingKeys(Templates.STAFFING_REQUESTED + "-" + e.data().requestId() + "-", "staffing_request_cancelled");
        }
    }

    /**
     * ONE way to reach the person (issue 19: one message per request, not one per channel): the SMS when it can go, else
     * the e-mail; when neither can, the first (recorded skipped, with its reason, so the agent sees why).
     */
    static Recipient one(List<Recipient> to) {
        return to.stream().filter(r -> r.skipReason() == null && "sms".equals(r.channel())).findFirst()
                .or(() -> to.stream().filter(r -> r.skipReason() == null).findFirst())
                .or(() -> to.stream().findFirst()).orElse(null);
    }
}
