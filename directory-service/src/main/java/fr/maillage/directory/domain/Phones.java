package fr.maillage.directory.domain;

import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers normalised to E.164 with libphonenumber. National numbers are read as French; numbers of
 * the overseas departments and collectivities are accepted in international form or with their national
 * prefix (they share France's numbering plan but have their own region codes in libphonenumber).
 */
public final class Phones {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** France and the overseas territories whose numbers people here may give. */
    private static final Set<String> REGIONS = Set.of("FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC");

    private Phones() {
    }

    public record Result(String e164, String problem) {
    }

    public static Result normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return new Result(null, null);
        }
        String input = raw.strip();
        try {
            PhoneNumber number = UTIL.parse(input, "FR");
            if (!UTIL.isValidNumber(number) && !input.startsWith("+") && input.replaceAll("\\D", "").startsWith("33")) {
                // "33180059880": an international number whose "+" was lost (seen in partners' files)
                number = UTIL.parse("+" + input.replaceAll("\\D", ""), "FR");
            }
            if (!UTIL.isValidNumber(number)) {
                return new Result(null, "le numéro « " + input + " » n'est pas un numéro de téléphone valide");
            }
            String region = UTIL.getRegionCodeForNumber(number);
            if (region == null || !REGIONS.contains(region)) {
                return new Result(null, "le numéro « " + input + " » n'est pas un numéro français (métropole ou outre-mer)");
            }
            return new Result(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), null);
        } catch (NumberParseException e) {
            return new Result(null, "le numéro « " + input + " » n'est pas lisible comme un numéro de téléphone");
        }
    }
}
