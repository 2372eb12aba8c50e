package fr.maillage.booking.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import fr.maillage.booking.config.BookingConfig;
import fr.maillage.booking.domain.Times;
import fr.maillage.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The per-contact limit on verification codes: at most {@code maillage.booking.verification.codes-per-contact} codes
 * sent to one phone number or e-mail address (keyed contact hash) within {@code codes-window}, whoever asks. Kept in
 * the database (table {@code verification_code_sent}) so that it holds across restarts and replicas, and counted in
 * the transaction that sends the code: a transaction-scoped advisory lock per contact serialises two requests for the
 * same contact, so a burst cannot slip past the count. Over the limit: 429 with Retry-After, nothing stored or sent.
 */
@ApplicationScoped
public class CodeLimits {
    private final int perContact;
    private final Duration window;

    CodeLimits(BookingConfig config) {
        this.perContact = config.booking().verification().codesPerContact();
        this.window = config.booking().verification().codesWindow();
    }

    /** Counts one code for each of these contact hashes (nulls ignored), or refuses (429) if one is over its limit. */
    public void take(Connection connection, List<String> contactHashes) throws SQLException {
        List<String> hashes = contactHashes.stream().filter(Objects::nonNull).distinct().sorted().toList();
        OffsetDateTime now = Times.now();
        OffsetDateTime since = now.minus(window);
        long retryAfter = 0;
        for (String hash : hashes) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "verification-code:" + hash);
                lock.executeQuery().close();
            }
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT count(*), min(sent_at) FROM verification_code_sent WHERE contact_hash = ? AND sent_at > ?")) {
                count.setString(1, hash);
                count.setObject(2, since);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    if (row.getLong(1) >= perContact) {
                        OffsetDateTime oldest = row.getObject(2, OffsetDateTime.class);
                        retryAfter = Math.max(retryAfter, Math.max(1, Duration.between(now, oldest.plus(window)).toSeconds() + 1));
                    }
                }
            }
        }
        if (retryAfter > 0) {
            throw Problem.tooManyRequests("Trop de codes envoyés à ce numéro ou à cette adresse (" + perContact
                    + " par " + minutes(window) + ") : réessayez dans " + minutes(Duration.ofSeconds(retryAfter)) + ".",
                    retryAfter);
        }
        for (String hash : hashes) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO verification_code_sent (contact_hash, sent_at) VALUES (?, ?)")) {
                insert.setString(1, hash);
                insert.setObject(2, now);
                insert.executeUpdate();
            }
        }
    }

    /** Forgets what is older than the window. */
    public int purge(Connection connection) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM verification_code_sent WHERE sent_at < ?")) {
            delete.setObject(1, Times.now().minus(window));
            return delete.executeUpdate();
        }
    }

    private static String minutes(Duration d) {
        long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
        if (minutes % 60 == 0) {
            return minutes / 60 + " heure" + (minutes / 60 > 1 ? "s" : "");
        }
        return minutes + " minute" + (minutes > 1 ? "s" : "");
    }
}
