package fr.maillage.platform.territory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * French school holidays (vacances scolaires) by zone, shipped as data: {@code school-holidays.csv} beside this class
 * (its header says the school years held and the source: the education ministry's open dataset
 * « fr-en-calendrier-scolaire »). Zones: A, B and C by académie; Corse and the DROM have calendars of their own that
 * are not shipped here ({@link #zoneOf} names them, {@link #isSchoolHoliday} answers false there).
 *
 * <p>Outside the dates the data holds completely ({@code school-holidays-coverage.csv}, {@link #covers}) the answer of
 * {@link #isSchoolHoliday} is false but means "unknown": callers that must tell "unknown" from "no" ask {@link #covers}
 * first (OpeningHours ignores an {@code SH} rule there).
 */
public final class SchoolHolidays {
    /** A period without school, first and last days included. */
    public record Period(String schoolYear, String zone, LocalDate firstDay, LocalDate lastDay, String name) {
        public boolean contains(LocalDate date) {
            return !date.isBefore(firstDay) && !date.isAfter(lastDay);
        }
    }

    private static final Map<String, String> ACADEMIE_ZONES = zones();
    private static final List<Period> PERIODS = load("school-holidays.csv").stream()
            .map(c -> new Period(c[0], c[1], LocalDate.parse(c[2]), LocalDate.parse(c[3]), c[4])).toList();
    /** zone, first day, last day: the dates each zone's periods are complete for. */
    private static final List<String[]> COVERAGE = load("school-holidays-coverage.csv");

    private SchoolHolidays() {
    }

    /**
     * The school-holiday zone of a département (or INSEE code): "A", "B", "C", "Corse", or the DROM's own ("971".."976");
     * null when unknown (null input, the collectivités 975, 977, 978, 98x).
     */
    public static String zoneOf(String departement) {
        String dep = Territories.departementOf(departement);
        if (dep == null) {
            return null;
        }
        if (dep.equals("2A") || dep.equals("2B")) {
            return "Corse";
        }
        if (Set.of("971", "972", "973", "974", "976").contains(dep)) {
            return dep;
        }
        return ACADEMIE_ZONES.get(dep);
    }

    /** Whether this date is a school holiday in the département's zone (false when the zone or year is not held). */
    public static boolean isSchoolHoliday(String departement, LocalDate date) {
        return period(departement, date).isPresent();
    }

    /** The holiday period holding this date in the département's zone, if any is held. */
    public static Optional<Period> period(String departement, LocalDate date) {
        String zone = zoneOf(departement);
        if (zone == null) {
            return Optional.empty();
        }
        return PERIODS.stream().filter(p -> p.zone().equals(zone) && p.contains(date)).findFirst();
    }

    /**
     * Whether the shipped data holds every school holiday of the département's zone at this date
     * ({@code school-holidays-coverage.csv}): when false, {@link #isSchoolHoliday} answering false means "unknown", not
     * "a school day".
     */
    public static boolean covers(String departement, LocalDate date) {
        String zone = zoneOf(departement);
        if (zone == null) {
            return false;
        }
        for (String[] c : COVERAGE) {
            if (c[0].equals(zone) && !date.isBefore(LocalDate.parse(c[1])) && !date.isAfter(LocalDate.parse(c[2]))) {
                return true;
            }
        }
        return false;
    }

    /** Every period held, in file order. */
    public static List<Period> periods() {
        return PERIODS;
    }

    /** The rows of a CSV resource beside this class (comments and header skipped). */
    private static List<String[]> load(String name) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = SchoolHolidays.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the platform jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(line.split(",", 5));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(rows);
    }

    /** Département → zone, from the académies of each zone (arrêté fixing the school calendar's zones). */
    private static Map<String, String> zones() {
        Map<String, String> zones = new java.util.HashMap<>();
        // Zone A: Besançon, Bordeaux, Clermont-Ferrand, Dijon, Grenoble, Limoges, Lyon, Poitiers
        for (String d : "25 39 70 90 24 33 40 47 64 03 15 43 63 21 58 71 89 07 26 38 73 74 19 23 87 01 42 69 16 17 79 86".split(" ")) {
            zones.put(d, "A");
        }
        // Zone B: Aix-Marseille, Amiens, Lille, Nancy-Metz, Nantes, Nice, Normandie, Orléans-Tours, Reims, Rennes, Strasbourg
        for (String d : ("04 05 13 84 02 60 80 59 62 54 55 57 88 44 49 53 72 85 06 83 14 27 50 61 76 18 28 36 37 41 45 "
                + "08 10 51 52 22 29 35 56 67 68").split(" ")) {
            zones.put(d, "B");
        }
        // Zone C: Créteil, Montpellier, Paris, Toulouse, Versailles
        for (String d : "77 93 94 11 30 34 48 66 75 09 12 31 32 46 65 81 82 78 91 92 95".split(" ")) {
            zones.put(d, "C");
        }
        return Map.copyOf(zones);
    }
}
