package fr.maillage.booking.service;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.hibernate.Session;

import fr.maillage.booking.domain.NeedThemes;
import fr.maillage.booking.domain.Roster;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.service.Permanences.Permanence;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.problem.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Rosters (issue 19): a person's weekly availability, excluded months and themes (tables staff_roster and
 * staff_availability), read and replaced by whoever {@link StaffAccess} allows; and the candidates of a permanence.
 */
@ApplicationScoped
public class Rosters {
    private final EntityManager em;
    private final StaffAccess access;

    Rosters(EntityManager em, StaffAccess access) {
        this.em = em;
        this.access = access;
    }

    /** The person's roster (empty lists when they have none): 404 unknown person, 403 not theirs to see. */
    @Transactional
    public Roster get(UUID personId) {
        access.require(personId);
        return read(personId);
    }

    /** Replaces the person's roster: 422 naming each field at fault, nothing stored. */
    @Transactional
    public Roster put(UUID personId, List<Roster.WindowInput> weekly, List<Integer> excludedMonths, List<String> themes) {
        People.Person person = access.require(personId);
        List<Violation> violations = new ArrayList<>();
        List<Roster.Window> windows = Roster.parse(weekly, excludedMonths, themes, NeedThemes.ALL, violations);
        if (!violations.isEmpty()) {
            throw Problem.ruleBroken(violations);
        }
        List<Integer> months = excludedMonths == null ? List.of() : excludedMonths.stream().sorted().toList();
        List<String> codes = themes == null ? List.of() : themes;
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO staff_roster (person_id, partner_id, themes, excluded_months, version, updated_at)
                    VALUES (?, ?, ?, ?, 1, now())
                    ON CONFLICT (person_id) DO UPDATE SET partner_id = excluded.partner_id, themes = excluded.themes,
                        excluded_months = excluded.excluded_months, version = staff_roster.version + 1,
                        updated_at = now()""")) {
                upsert.setObject(1, personId);
                upsert.setObject(2, person.partnerId());
                upsert.setArray(3, c.createArrayOf("text", codes.toArray()));
                upsert.setArray(4, c.createArrayOf("int2", months.stream().map(Integer::shortValue).toArray()));
                upsert.executeUpdate();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM staff_availability WHERE person_id = ?")) {
                delete.setObject(1, personId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO staff_availability "
                    + "(person_id, day_of_week, start_time, end_time) VALUES (?, ?, ?, ?)")) {
                for (Roster.Window window : windows) {
                    insert.setObject(1, personId);
                    insert.setShort(2, (short) window.day());
                    insert.setObject(3, window.start());
                    insert.setObject(4, window.end());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        return read(personId);
    }

    private Roster read(UUID personId) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            List<String> themes;
            List<Integer> months;
            OffsetDateTime updatedAt;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT themes, excluded_months, updated_at FROM staff_roster WHERE person_id = ?")) {
                select.setObject(1, personId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Roster.empty(personId);
                    }
                    themes = strings(row.getArray(1));
                    months = integers(row.getArray(2));
                    updatedAt = Times.paris(row.getObject(3, OffsetDateTime.class));
                }
            }
            List<Roster.Window> windows = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT day_of_week, start_time, end_time "
                    + "FROM staff_availability WHERE person_id = ? ORDER BY day_of_week, start_time")) {
                select.setObject(1, personId);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        windows.add(new Roster.Window(row.getInt(1), row.getObject(2, LocalTime.class),
                                row.getObject(3, LocalTime.class)));
                    }
                }
            }
            return new Roster(personId, windows, months, themes, updatedAt);
        });
    }

    /** A person who could staff a permanence, with the themes of their roster. */
    public record Candidate(UUID personId, List<String> themes) {
    }

    /**
     * People of the host organisation (in the directory, active) whose roster covers the permanence (weekday and times,
     * in the local time of the permanence's place — issue 21), not in an excluded month, with no active absence that day, no assigned shift overlapping it, themes
     * none or meeting the offer's, and not already asked for it (pending or declined request). By person id.
     */
    public List<Candidate> candidates(Permanence permanence) {
        ZonedDateTime start = permanence.start().atZoneSameInstant(permanence.first().zone());
        ZonedDateTime end = permanence.end().atZoneSameInstant(permanence.first().zone());
        LocalTime endTime = end.toLocalDate().isAfter(start.toLocalDate()) ? LocalTime.MAX : end.toLocalTime();
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT r.person_id, r.themes FROM staff_roster r
                    JOIN directory_person p ON p.id = r.person_id AND p.active AND p.partner_id = ?
                    WHERE NOT (CAST(? AS smallint) = ANY (r.excluded_months))
                      AND EXISTS (SELECT 1 FROM staff_availability a WHERE a.person_id = r.person_id
                          AND a.day_of_week = ? AND a.start_time <= ? AND a.end_time >= ?)
                      AND (cardinality(r.themes) = 0 OR r.themes && ?)
                      AND NOT EXISTS (SELECT 1 FROM absence ab WHERE ab.kind = 'person' AND ab.person_id = r.person_id
                          AND ab.status = 'active' AND ab.from_date <= ? AND ab.to_date >= ?)
                      AND NOT EXISTS (SELECT 1 FROM shift s WHERE s.person_id = r.person_id AND s.status = 'assigned'
                          AND s.start_at < ? AND s.end_at > ?)
                      AND NOT EXISTS (SELECT 1 FROM staffing_request q WHERE q.permanence_id = ?
                          AND q.person_id = r.person_id AND q.status IN ('pending', 'declined'))
                    ORDER BY r.person_id""")) {
                int i = 1;
                select.setObject(i++, permanence.partnerId());
                select.setShort(i++, (short) start.getMonthValue());
                select.setShort(i++, (short) start.getDayOfWeek().getValue());
                select.setObject(i++, start.toLocalTime());
                select.setObject(i++, endTime);
                select.setArray(i++, c.createArrayOf("text", permanence.first().themes().toArray()));
                select.setObject(i++, start.toLocalDate());
                select.setObject(i++, start.toLocalDate());
                select.setObject(i++, permanence.end());
                select.setObject(i++, permanence.start());
                select.setObject(i, permanence.id());
                List<Candidate> found = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        found.add(new Candidate(row.getObject(1, UUID.class), strings(row.getArray(2))));
                    }
                }
                return found;
            }
        });
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private static List<Integer> integers(Array array) throws SQLException {
        return array == null ? List.of()
                : Arrays.stream((Object[]) array.getArray()).map(o -> ((Number) o).intValue()).sorted().toList();
    }

}
