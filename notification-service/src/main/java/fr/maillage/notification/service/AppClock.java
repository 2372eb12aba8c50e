package fr.maillage.notification.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** The service's notion of "now": one place tests can move (quiet hours at night, due reminders). */
@ApplicationScoped
public class AppClock {
    public Instant now() {
        return Instant.now();
    }
}
