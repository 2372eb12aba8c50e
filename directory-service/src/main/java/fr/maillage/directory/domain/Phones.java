package fr.maillage.directory.domain;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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
    /** Overseas departments dialled with a national "0" prefix like metropolitan France. */
    private static final List<String> NATIONAL_OVERSEAS = List.of("RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF");
    /**
     * ARCEP's ranges reserved for fiction (films, examples, demo data): unallocated, so libphonenumber calls
     * them invalid, but they are the right numbers for clearly fictional people and are accepted as such.
     */
    private static final Pattern FICTION = Pattern.compile("^\\+33(199 00|261 91|353 01|465 71|536 49|639 98)\\d{4}$".replace(" ", ""));

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
            if (!UTIL.isValidNumber(number) && !input.startsWith("+")) {
                for (String region : NATIONAL_OVERSEAS) {
                    PhoneNumber overseas = UTIL.parse(input, region);
                    if (UTIL.isValidNumber(overseas)) {
                        number = overseas;
                        break;
                    }
                }
            }
            String formatted = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            if (!UTIL.isValidNumber(number) && FICTION.matcher(formatted).matches()) {
                return new Result(formatted, null);
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
