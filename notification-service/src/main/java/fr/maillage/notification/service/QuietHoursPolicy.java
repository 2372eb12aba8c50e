package fr.maillage.notification.service;

import fr.maillage.notification.config.NotificationConfig;
import fr.maillage.notification.domain.QuietHours;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The quiet hours in force (from configuration); a bean so a test can switch them on at a chosen time. */
@ApplicationScoped
public class QuietHoursPolicy {
    private final QuietHours quietHours;

    @Inject
    QuietHoursPolicy(NotificationConfig config) {
        var q = config.quietHours();
        this.quietHours = new QuietHours(q.enabled(), q.start(), q.end(), q.zone());
    }

    protected QuietHoursPolicy(QuietHours quietHours) {
        this.quietHours = quietHours;
    }

    public QuietHours current() {
        return quietHours;
    }
}
