package fr.maillage.platform.phone;

import java.util.List;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * French phone numbers through libphonenumber, one rule for every service: what people type ("06 12 34 56 78",
 * "+33 6…", "0696 12 34 56" in Martinique) to E.164, whether a number is a mobile (gets an SMS) or any French number
 * (a voice call reaches it), its national form and a mask for logs. Booking decides the reminder channel with it and
 * notification sends on that channel with it: they cannot disagree on a number.
 *
 * <p>"French" = metropolitan France and the overseas départements and collectivités, which have their own country
 * calling codes: {@link #REGIONS}.
 */
public final class PhoneNumbers {
    /** Metropolitan France, the DROM and the COM, in the order a national number (leading 0) is tried. */
    public static final List<String> REGIONS = List.of("FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC");
    /** Longer than any phone number written with spaces and dots: not parsed. */
    private static final int MAX_INPUT = 40;
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * What a person typed, as E.164, when it is a valid French number: an international form is read as such, a national
     * one against metropolitan France first, then each overseas territory.
     */
    public static Optional<String> toE164(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_INPUT) {
            return Optional.empty();
        }
        for (String region : REGIONS) {
            Optional<PhoneNumber> number = parse(raw, region);
            if (number.isPresent() && isFrench(number.get())) {
                return number.map(PhoneNumbers::format);
            }
        }
        return Optional.empty();
    }

    /** The number as E.164 if it is valid in any country, a national form read in {@code defaultRegion}. */
    public static Optional<String> e164(String raw, String defaultRegion) {
        return parse(raw, defaultRegion).map(PhoneNumbers::format);
    }

    /** The E.164 number if it is a French mobile (it receives SMS), a national form read in {@code defaultRegion}. */
    public static Optional<String> frenchMobile(String raw, String defaultRegion) {
        return parse(raw, defaultRegion).filter(PhoneNumbers::isFrench).filter(n -> UTIL.getNumberType(n) == PhoneNumberType.MOBILE)
                .map(PhoneNumbers::format);
    }

    /** The E.164 number if it is a valid French number of any kind — landline, mobile, VoIP — that a call can reach. */
    public static Optional<String> frenchNumber(String raw, String defaultRegion) {
        return parse(raw, defaultRegion).filter(PhoneNumbers::isFrench).map(PhoneNumbers::format);
    }

    /** Whether a stored number (E.164) is a French mobile. */
    public static boolean isMobile(String e164) {
        return frenchMobile(e164, "FR").isPresent();
    }

    /** "+33299987654" → "02 99 98 76 54" (as said aloud, pair by pair); the input as it is when unreadable. */
    public static String national(String raw, String defaultRegion) {
        return parse(raw, defaultRegion).map(n -> UTIL.format(n, PhoneNumberFormat.NATIONAL)).orElse(raw);
    }

    /** "+33612345678" → "+336******78": enough to recognise one's own number in a log, not to use it. */
    public static String mask(String number) {
        if (number == null) {
            return null;
        }
        String digits = number.replaceAll("[^0-9+]", "");
        if (digits.length() <= 6) {
            return "***";
        }
        return digits.substring(0, 4) + "*".repeat(digits.length() - 6) + digits.substring(digits.length() - 2);
    }

    private static boolean isFrench(PhoneNumber number) {
        return REGIONS.contains(UTIL.getRegionCodeForNumber(number));
    }

    private static String format(PhoneNumber number) {
        return UTIL.format(number, PhoneNumberFormat.E164);
    }

    private static Optional<PhoneNumber> parse(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_INPUT) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(raw, defaultRegion);
            return UTIL.isValidNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
