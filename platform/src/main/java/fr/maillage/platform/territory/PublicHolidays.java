package fr.maillage.platform.territory;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Year;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import de.focus_shift.jollyday.core.parser.functions.CalculateGregorianEasterSunday;

/**
 * Public holidays (jours fériés) of a département.
 *
 * <ul>
 * <li>Everywhere: the 11 days of the Code du travail (art. L3133-1): 1er janvier, lundi de Pâques, 1er mai, 8 mai,
 * Ascension, lundi de Pentecôte, 14 juillet, 15 août, 1er novembre, 11 novembre, 25 décembre. Easter Sunday is
 * computed by Jollyday's Gregorian (Meeus/Jones/Butcher) calculation.</li>
 * <li>Alsace-Moselle (57, 67, 68; Code du travail art. L3134-13): Vendredi saint and 26 décembre (Saint-Étienne).</li>
 * <li>Abolition of slavery (loi n° 83-550 du 30 juin 1983, décret n° 83-1003 du 23 novembre 1983 as amended by
 * décret n° 2012-553 du 23 avril 2012 and the loi n° 2017-256 du 28 février 2017): Guadeloupe (971) 27 mai, Martinique
 * (972) 22 mai, Guyane (973) 10 juin, La Réunion (974) 20 décembre, Mayotte (976) 27 avril, Saint-Barthélemy (977)
 * 9 octobre (from 2012), Saint-Martin (978) 27 mai 2012-2017 then 28 mai (from 2018).</li>
 * </ul>
 * A null or unknown département gets the national days only (metropolitan calendar). Local holidays of the Pacific
 * collectivités (986-988) and Saint-Pierre-et-Miquelon are not included.
 */
public final class PublicHolidays {
    private static final Map<String, SortedMap<LocalDate, String>> CACHE = new ConcurrentHashMap<>();
    private static final CalculateGregorianEasterSunday EASTER = new CalculateGregorianEasterSunday();

    private PublicHolidays() {
    }

    /** Whether this date is a public holiday in this département (null: metropolitan calendar). */
    public static boolean isHoliday(String departement, LocalDate date) {
        return of(departement, date.getYear()).containsKey(date);
    }

    /** The holidays of a year in this département (null: metropolitan calendar), date → French name, in date order. */
    public static SortedMap<LocalDate, String> of(String departement, int year) {
        String dep = Territories.departementOf(departement);
        String key = (dep == null ? "" : dep) + "/" + year;
        return CACHE.computeIfAbsent(key, k -> Collections.unmodifiableSortedMap(compute(dep, year)));
    }

    /** Easter Sunday of a year (Gregorian calendar). */
    public static LocalDate easterSunday(int year) {
        return EASTER.apply(Year.of(year));
    }

    private static SortedMap<LocalDate, String> compute(String dep, int year) {
        TreeMap<LocalDate, String> days = new TreeMap<>();
        LocalDate easter = easterSunday(year);
        days.put(LocalDate.of(year, 1, 1), "Jour de l'an");
        days.put(easter.plusDays(1), "Lundi de Pâques");
        days.put(LocalDate.of(year, 5, 1), "Fête du Travail");
        days.put(LocalDate.of(year, 5, 8), "Victoire 1945");
        days.put(easter.plusDays(39), "Ascension");
        days.put(easter.plusDays(50), "Lundi de Pentecôte");
        days.put(LocalDate.of(year, 7, 14), "Fête nationale");
        days.put(LocalDate.of(year, 8, 15), "Assomption");
        days.put(LocalDate.of(year, 11, 1), "Toussaint");
        days.put(LocalDate.of(year, 11, 11), "Armistice 1918");
        days.put(LocalDate.of(year, 12, 25), "Noël");
        if (Territories.isAlsaceMoselle(dep)) {
            days.put(easter.minusDays(2), "Vendredi saint");
            days.put(LocalDate.of(year, 12, 26), "Saint-Étienne");
        }
        MonthDay abolition = abolitionOfSlavery(dep, year);
        if (abolition != null) {
            days.put(abolition.atYear(year), "Abolition de l'esclavage");
        }
        return days;
    }

    private static MonthDay abolitionOfSlavery(String dep, int year) {
        if (dep == null || year < 1984) {
            return null;
        }
        return switch (dep) {
            case "971" -> MonthDay.of(5, 27);
            case "972" -> MonthDay.of(5, 22);
            case "973" -> MonthDay.of(6, 10);
            case "974" -> MonthDay.of(12, 20);
            case "976" -> MonthDay.of(4, 27);
            case "977" -> year >= 2012 ? MonthDay.of(10, 9) : null;
            case "978" -> year >= 2018 ? MonthDay.of(5, 28) : year >= 2012 ? MonthDay.of(5, 27) : null;
            default -> null;
        };
    }
}
