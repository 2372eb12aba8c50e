package fr.maillage.offers.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.function.Function;

import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.problem.Violation;
import fr.maillage.platform.territory.PublicHolidays;
import fr.maillage.platform.territory.Territories;

/**
 * Turns a schedule into planned sessions (pure computation, no I/O). Occurrences are computed in the
 * local time of the session's place (issue 21: the zone of its territory, {@link Territories#zoneOf}, Europe/Paris in
 * metropolitan France), so "every Tuesday 9:00" is 9:00 in Saint-Denis (974) as in Amiens, and stays 9:00 across
 * daylight-saving changes; an
 * individual permanence or a one-off help desk is cut into slots of the session duration, any other
 * type is one session per occurrence. A session id is a UUID v5 of (offer id, start instant): planning
 * the same schedule again yields the same ids.
 */
public final class SchedulePlanner {
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Bound on raw recurrence iterations, whatever the rule, so no request can spin the CPU. */
    private static final int MAX_ITERATIONS = 100_000;
    /** List limits of a schedule (documented in the README and the OpenAPI description of the schedule). */
    public static final int MAX_RULES = 20;
    public static final int MAX_EXCEPTIONS = 400;
    public static final int MAX_ONE_OFFS = 400;
    /** No date of a schedule is earlier: year 1 or -999999999 is a mistake or an attack, never a permanence. */
    public static final LocalDate FIRST_DATE = LocalDate.of(2000, 1, 1);

    public record Slot(UUID id, UUID placeId, ZonedDateTime start, ZonedDateTime end, int capacity) {
    }

    /**
     * What the planner needs of an offer.
     *
     * @param inseeOf INSEE code of the commune of a place id (null when unknown: metropolitan France); gives each
     *                session's time zone (and its public holidays)
     */
    public record Plan(UUID offerId, OfferType type, int capacity, int sessionDurationMinutes, UUID placeId,
            Schedule schedule, Function<UUID, String> inseeOf) {
        public Plan {
            inseeOf = inseeOf == null ? id -> null : inseeOf;
        }

        /** A plan whose places are all metropolitan (Europe/Paris). */
        public Plan(UUID offerId, OfferType type, int capacity, int sessionDurationMinutes, UUID placeId, Schedule schedule) {
            this(offerId, type, capacity, sessionDurationMinutes, placeId, schedule, null);
        }

        /** The time zone of a place of the plan (its territory's). */
        public ZoneId zoneOf(UUID placeId) {
            return Territories.zoneOf(placeId == null ? null : inseeOf.apply(placeId));
        }
    }

    private SchedulePlanner() {
    }

    public static boolean isCutIntoSlots(OfferType type) {
        return type == OfferType.PERMANENCE_INDIVIDUELLE || type == OfferType.AIDE_PONCTUELLE;
    }

    public static UUID sessionId(UUID offerId, Instant start) {
        return Uuids.v5(Uuids.NAMESPACE, "session:" + offerId + ":" + start.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Checks the schedule's own consistency: parseable rules, times in order, nothing beyond the
     * horizon, slots that fit in their time range.
     */
    public static List<Violation> validate(Schedule schedule, OfferType type, Integer sessionDurationMinutes,
            LocalDate horizonEnd) {
        List<Violation> v = new ArrayList<>();
        boolean tooMany = false;
        if (schedule.rules().size() > MAX_RULES) {
            v.add(new Violation("schedule.rules", "Au plus " + MAX_RULES + " règles de récurrence (reçu " + schedule.rules().size() + ")."));
            tooMany = true;
        }
        if (schedule.exceptions().size() > MAX_EXCEPTIONS) {
            v.add(new Violation("schedule.exceptions", "Au plus " + MAX_EXCEPTIONS + " dates d'exception (reçu "
                    + schedule.exceptions().size() + ")."));
            tooMany = true;
        }
        if (schedule.oneOffs().size() > MAX_ONE_OFFS) {
            v.add(new Violation("schedule.oneOffs", "Au plus " + MAX_ONE_OFFS + " dates ponctuelles (reçu "
                    + schedule.oneOffs().size() + ")."));
            tooMany = true;
        }
        if (tooMany) {
            return v; // the elements of a flood are not worth checking one by one
        }
        for (int i = 0; i < schedule.rules().size(); i++) {
            Schedule.Rule r = schedule.rules().get(i);
            String f = "schedule.rules[" + i + "]";
            if (r == null) {
                v.add(new Violation(f, "Règle vide : indiquez rrule, startDate, startTime et endTime."));
                continue;
            }
            if (r.rrule() == null || r.rrule().isBlank()) {
                v.add(new Violation(f + ".rrule", "La règle de récurrence est obligatoire (RFC 5545, ex. FREQ=WEEKLY;BYDAY=TU)."));
            } else {
                try {
                    RecurrenceRule rule = parse(r.rrule());
                    if (rule.getFreq() == Freq.HOURLY || rule.getFreq() == Freq.MINUTELY || rule.getFreq() == Freq.SECONDLY) {
                        v.add(new Violation(f + ".rrule", "Fréquence " + rule.getFreq()
                                + " non acceptée : une séance a une plage horaire, utilisez au plus FREQ=DAILY."));
                    }
                    if (rule.getUntil() != null && horizonEnd != null
                            && Instant.ofEpochMilli(rule.getUntil().getTimestamp()).atZone(PARIS).toLocalDate().isAfter(horizonEnd)) {
                        v.add(new Violation(f + ".rrule", "La date de fin UNTIL dépasse l'horizon de planification ("
                                + horizonEnd + ")."));
                    }
                } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
                    v.add(new Violation(f + ".rrule", "Règle de récurrence invalide (RFC 5545) : " + e.getMessage()));
                }
            }
            checkDay(v, f + ".startDate", r.startDate(), horizonEnd);
            checkTimes(v, f, r.startTime(), r.endTime(), type, sessionDurationMinutes);
        }
        for (int i = 0; i < schedule.oneOffs().size(); i++) {
            Schedule.OneOff o = schedule.oneOffs().get(i);
            String f = "schedule.oneOffs[" + i + "]";
            if (o == null) {
                v.add(new Violation(f, "Date ponctuelle vide : indiquez date, startTime et endTime."));
                continue;
            }
            checkDay(v, f + ".date", o.date(), horizonEnd);
            checkTimes(v, f, o.startTime(), o.endTime(), type, sessionDurationMinutes);
        }
        for (int i = 0; i < schedule.exceptions().size(); i++) {
            LocalDate day = schedule.exceptions().get(i);
            if (day == null) {
                v.add(new Violation("schedule.exceptions[" + i + "]", "Date d'exception vide."));
            } else if (day.isBefore(FIRST_DATE) || horizonEnd != null && day.isAfter(horizonEnd)) {
                v.add(new Violation("schedule.exceptions[" + i + "]", "La date " + day + " doit être comprise entre " + FIRST_DATE
                        + " et l'horizon de planification (" + horizonEnd + ")."));
            }
        }
        return v;
    }

    private static void checkDay(List<Violation> v, String field, LocalDate day, LocalDate horizonEnd) {
        if (day == null) {
            v.add(new Violation(field, "La date est obligatoire (AAAA-MM-JJ)."));
        } else if (day.isBefore(FIRST_DATE)) {
            v.add(new Violation(field, "La date " + day + " est antérieure au " + FIRST_DATE + "."));
        } else if (horizonEnd != null && day.isAfter(horizonEnd)) {
            v.add(new Violation(field, "La date " + day + " dépasse l'horizon de planification (" + horizonEnd + ")."));
        }
    }

    private static void checkTimes(List<Violation> v, String f, LocalTime start, LocalTime end, OfferType type,
            Integer duration) {
        if (start == null) {
            v.add(new Violation(f + ".startTime", "L'heure de début est obligatoire (HH:MM)."));
        }
        if (end == null) {
            v.add(new Violation(f + ".endTime", "L'heure de fin est obligatoire (HH:MM)."));
        }
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                v.add(new Violation(f + ".endTime", "L'heure de fin doit être après l'heure de début."));
            } else if (type != null && isCutIntoSlots(type) && duration != null && duration > 0
                    && ChronoUnit.MINUTES.between(start, end) < duration) {
                v.add(new Violation(f + ".endTime", "La plage horaire est plus courte que la durée d'une séance ("
                        + duration + " min)."));
            }
        }
    }

    private static RecurrenceRule parse(String rrule) throws InvalidRecurrenceRuleException {
        String value = rrule.trim();
        if (value.regionMatches(true, 0, "RRULE:", 0, 6)) {
            value = value.substring(6);
        }
        return new RecurrenceRule(value, RecurrenceRule.RfcMode.RFC5545_STRICT);
    }

    /**
     * The sessions of a valid schedule starting in [from, to), sorted by start.
     *
     * @throws Problem if they are more than maxSessions
     */
    public static List<Slot> plan(Plan plan, Instant from, Instant to, int maxSessions) {
        Schedule s = plan.schedule();
        Set<LocalDate> excluded = new HashSet<>(s.exceptions());
        List<ZonedDateTime[]> ranges = new ArrayList<>();
        List<UUID> rangePlaces = new ArrayList<>();
        // one day of margin on each side: the window's instants fall on other local days far from Paris
        LocalDate firstDay = from.atZone(PARIS).toLocalDate().minusDays(2);
        LocalDate lastDay = to.atZone(PARIS).toLocalDate().plusDays(1);
        for (Schedule.Rule r : s.rules()) {
            UUID rulePlace = r.placeId() != null ? r.placeId() : plan.placeId();
            ZoneId zone = plan.zoneOf(rulePlace);
            TimeZone tz = TimeZone.getTimeZone(zone);
            RecurrenceRule rule;
            try {
                rule = parse(r.rrule());
            } catch (InvalidRecurrenceRuleException e) {
                throw Problem.ruleBroken("schedule.rules", "Règle de récurrence invalide : " + e.getMessage());
            }
            long dtstart = r.startDate().atTime(r.startTime()).atZone(zone).toInstant().toEpochMilli();
            RecurrenceRuleIterator it = rule.iterator(dtstart, tz);
            int iterations = 0;
            while (it.hasNext() && iterations++ < MAX_ITERATIONS) {
                // the occurrence's own calendar day: with a DATE-valued UNTIL the rule is all-day and its instants are
                // UTC midnights, which fall on the day before in a zone west of Greenwich (971, 972, 973, 975, 977, 978)
                DateTime next = it.nextDateTime();
                LocalDate day = LocalDate.of(next.getYear(), next.getMonth() + 1, next.getDayOfMonth());
                if (day.isAfter(lastDay)) {
                    break;
                }
                if (!day.isBefore(firstDay)) {
                    ranges.add(new ZonedDateTime[] { day.atTime(r.startTime()).atZone(zone), day.atTime(r.endTime()).atZone(zone) });
                    rangePlaces.add(rulePlace);
                }
            }
        }
        for (Schedule.OneOff o : s.oneOffs()) {
            UUID oneOffPlace = o.placeId() != null ? o.placeId() : plan.placeId();
            ZoneId zone = plan.zoneOf(oneOffPlace);
            ranges.add(new ZonedDateTime[] { o.date().atTime(o.startTime()).atZone(zone), o.date().atTime(o.endTime()).atZone(zone) });
            rangePlaces.add(oneOffPlace);
        }
        Map<UUID, Slot> slots = new LinkedHashMap<>();
        for (int i = 0; i < ranges.size(); i++) {
            ZonedDateTime start = ranges.get(i)[0];
            ZonedDateTime end = ranges.get(i)[1];
            LocalDate day = start.toLocalDate();
            String insee = rangePlaces.get(i) == null ? null : plan.inseeOf().apply(rangePlaces.get(i));
            if (excluded.contains(day) || (s.skipPublicHolidays() && PublicHolidays.isHoliday(Territories.departementOf(insee), day))) {
                continue;
            }
            if (isCutIntoSlots(plan.type())) {
                for (ZonedDateTime t = start; !t.plusMinutes(plan.sessionDurationMinutes()).isAfter(end);
                        t = t.plusMinutes(plan.sessionDurationMinutes())) {
                    add(slots, plan, rangePlaces.get(i), t, t.plusMinutes(plan.sessionDurationMinutes()), from, to, maxSessions);
                }
            } else {
                add(slots, plan, rangePlaces.get(i), start, end, from, to, maxSessions);
            }
        }
        List<Slot> result = new ArrayList<>(slots.values());
        result.sort(Comparator.comparing(Slot::start));
        return result;
    }

    private static void add(Map<UUID, Slot> slots, Plan plan, UUID placeId, ZonedDateTime start, ZonedDateTime end,
            Instant from, Instant to, int maxSessions) {
        Instant s = start.toInstant();
        if (s.isBefore(from) || !s.isBefore(to)) {
            return;
        }
        UUID id = sessionId(plan.offerId(), s);
        // Two rules producing the same start would be the same slot: the first one wins.
        slots.putIfAbsent(id, new Slot(id, placeId, start, end, plan.capacity()));
        if (slots.size() > maxSessions) {
            throw Problem.ruleBroken("schedule", "Le calendrier produit plus de " + maxSessions
                    + " séances sur la période planifiée : espacez les dates ou raccourcissez la durée.");
        }
    }
}
