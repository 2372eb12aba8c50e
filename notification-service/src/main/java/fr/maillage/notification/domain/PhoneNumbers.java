package fr.maillage.notification.domain;

import java.util.Optional;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Phone numbers through libphonenumber: E.164 normalisation and "may this number get an SMS". */
public final class PhoneNumbers {
    /** Metropolitan France and the overseas départements/collectivités whose numbers we text. */
    static final Set<String> SMS_REGIONS = Set.of("FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF");
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** @return the number in E.164 if it is a valid number, read in {@code defaultRegion} when national. */
    public static Optional<String> e164(String raw, String defaultRegion) {
        return parse(raw, defaultRegion).map(n -> UTIL.format(n, PhoneNumberFormat.E164));
    }

    /** @return the E.164 number if it is a French (incl. overseas) mobile, else empty. */
    public static Optional<String> frenchMobile(String raw, String defaultRegion) {
        return parse(raw, defaultRegion)
                .filter(n -> SMS_REGIONS.contains(UTIL.getRegionCodeForNumber(n)))
                .filter(n -> UTIL.getNumberType(n) == PhoneNumberType.MOBILE)
                .map(n -> UTIL.format(n, PhoneNumberFormat.E164));
    }

    /**
     * @return the E.164 number if it is a valid French (incl. overseas) number of any kind — a landline, a mobile, a
     *         VoIP number — that a voice call can reach; else empty.
     */
    public static Optional<String> frenchNumber(String raw, String defaultRegion) {
        return parse(raw, defaultRegion).filter(n -> SMS_REGIONS.contains(UTIL.getRegionCodeForNumber(n)))
                .map(n -> UTIL.format(n, PhoneNumberFormat.E164));
    }

    /** "+33299987654" → "02 99 98 76 54" (as said aloud, pair by pair); the input as it is when unreadable. */
    public static String national(String raw, String defaultRegion) {
        return parse(raw, defaultRegion).map(n -> UTIL.format(n, PhoneNumberFormat.NATIONAL)).orElse(raw);
    }

    /** "+33612345678" → "+33 6** ** *5 78": enough to recognise one's own number in a log, not to use it. */
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

    private static Optional<PhoneNumber> parse(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
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
