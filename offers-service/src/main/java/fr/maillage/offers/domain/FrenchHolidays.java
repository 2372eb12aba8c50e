package fr.maillage.offers.domain;

import java.time.LocalDate;
import java.time.Year;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * National French public holidays, computed by Jollyday (Easter-based ones included), cached per year.
 * Alsace-Moselle's extra days are a subdivision of the FR calendar and are not applied here.
 */
public final class FrenchHolidays {
    private static final HolidayManager MANAGER = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.FRANCE));
    private static final Map<Integer, Set<LocalDate>> BY_YEAR = new ConcurrentHashMap<>();

    private FrenchHolidays() {
    }

    public static boolean isHoliday(LocalDate date) {
        return BY_YEAR.computeIfAbsent(date.getYear(), y -> MANAGER.getHolidays(Year.of(y)).stream()
                .map(Holiday::getDate).collect(Collectors.toUnmodifiableSet())).contains(date);
    }
}
