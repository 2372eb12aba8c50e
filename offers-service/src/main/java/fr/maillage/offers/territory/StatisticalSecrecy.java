package fr.maillage.offers.territory;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Statistical secrecy of the territory indicators (issue 20): a count of people between 1 and {@code THRESHOLD - 1}
 * is not shown (null, « <5 » in CSV); 0 stays 0. A rate is not shown when a count of people it is computed from is
 * between 1 and 4, nor when its denominator is 0.
 */
public final class StatisticalSecrecy {
    public static final int THRESHOLD = 5;

    private StatisticalSecrecy() {
    }

    public static boolean hidden(long count) {
        return count > 0 && count < THRESHOLD;
    }

    /** The count as shown. */
    public static Integer count(long count) {
        return hidden(count) ? null : Math.toIntExact(count);
    }

    /**
     * numerator / denominator, 4 decimals, or null: denominator 0, or a count of people ({@code numeratorPeople},
     * {@code denominatorPeople}) hidden.
     */
    public static Double rate(long numerator, boolean numeratorPeople, long denominator, boolean denominatorPeople) {
        if (denominator == 0 || (numeratorPeople && hidden(numerator)) || (denominatorPeople && hidden(denominator))) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP).doubleValue();
    }
}
