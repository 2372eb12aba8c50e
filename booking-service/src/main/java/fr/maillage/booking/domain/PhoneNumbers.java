package fr.maillage.booking.domain;

import java.util.List;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Normalises what people type ("06 12 34 56 78", "+33 6…", "0696 12 34 56" in Martinique) to E.164.
 * A national number (leading 0) is tried against metropolitan France first, then the overseas
 * departments and collectivities, which have their own country calling codes.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final List<String> FRENCH_REGIONS = List.of("FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF",
            "WF", "PF", "NC");

    private PhoneNumbers() {
    }

    /**
     * Whether a number (E.164, as stored) is a French or overseas mobile, i.e. receives SMS: the rule notification-service
     * follows to send a code (its PhoneNumbers.frenchMobile), kept identical here so that booking refuses, before holding
     * a seat, a code that could never be delivered.
     */
    public static boolean isMobile(String e164) {
        if (e164 == null || e164.isBlank()) {
            return false;
        }
        try {
            PhoneNumber number = UTIL.parse(e164, "FR");
            return FRENCH_REGIONS.contains(UTIL.getRegionCodeForNumber(number))
                    && UTIL.getNumberType(number) == PhoneNumberUtil.PhoneNumberType.MOBILE;
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** @return the E.164 form, or empty when the text is not a valid French or overseas number. */
    public static Optional<String> toE164(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return Optional.empty();
        }
        for (String region : FRENCH_REGIONS) {
            try {
                PhoneNumber number = UTIL.parse(raw, region);
                if (UTIL.isValidNumber(number)) {
                    String regionOfNumber = UTIL.getRegionCodeForNumber(number);
                    if (FRENCH_REGIONS.contains(regionOfNumber)) {
                        return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
                    }
                }
            } catch (NumberParseException e) {
                // not a number at all: no other region will parse it either
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
