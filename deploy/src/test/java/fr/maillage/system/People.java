package fr.maillage.system;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Test citizens: valid French mobile numbers, unique per run so the SMS stub's journal tells them apart. */
public final class People {
    private People() {
    }

    /** A fresh mobile number in national format and its E.164 form. */
    public record Mobile(String national, String e164) {
    }

    // Unique within a test run (the SMS stub is fresh for each run): a random block, then a counter.
    private static final int BLOCK = ThreadLocalRandom.current().nextInt(0, 1_000_000);
    private static final AtomicInteger NEXT = new AtomicInteger();

    public static Mobile newMobile() {
        int n = (BLOCK + NEXT.getAndIncrement()) % 1_000_000;
        String digits = String.format("612%06d", n);
        return new Mobile("0" + digits.substring(0, 1) + " " + digits.substring(1, 3) + " " + digits.substring(3, 5) + " "
                + digits.substring(5, 7) + " " + digits.substring(7, 9), "+33" + digits);
    }
}
