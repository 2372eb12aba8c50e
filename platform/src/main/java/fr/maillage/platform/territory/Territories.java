package fr.maillage.platform.territory;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * The territory of a commune: its département (from the INSEE code) and its time zone.
 *
 * <p>INSEE codes of the overseas communes start with 97 or 98 and their département (or collectivité) is the first
 * three digits (97411 → 974); elsewhere the first two characters (57463 → 57, 2A004 → 2A). Both functions also accept a
 * département code as input (57, 974, 2A).
 */
public final class Territories {
    /** Metropolitan France, Corsica and anything unknown. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

    private static final Map<String, ZoneId> ZONES = Map.ofEntries(
            Map.entry("971", ZoneId.of("America/Guadeloupe")),
            Map.entry("972", ZoneId.of("America/Martinique")),
            Map.entry("973", ZoneId.of("America/Cayenne")),
            Map.entry("974", ZoneId.of("Indian/Reunion")),
            Map.entry("975", ZoneId.of("America/Miquelon")),
            Map.entry("976", ZoneId.of("Indian/Mayotte")),
            Map.entry("977", ZoneId.of("America/St_Barthelemy")),
            Map.entry("978", ZoneId.of("America/Marigot")),
            Map.entry("986", ZoneId.of("Pacific/Wallis")),
            Map.entry("987", ZoneId.of("Pacific/Tahiti")),
            Map.entry("988", ZoneId.of("Pacific/Noumea")));

    private Territories() {
    }

    /**
     * The département of an INSEE commune code (or of a département code): "01".."95", "2A", "2B", "971".."978",
     * "986".."988"; null for null or blank.
     */
    public static String departementOf(String insee) {
        if (insee == null || insee.isBlank()) {
            return null;
        }
        String code = insee.strip().toUpperCase(Locale.ROOT);
        if (code.length() >= 3 && (code.startsWith("97") || code.startsWith("98"))) {
            return code.substring(0, 3);
        }
        return code.length() >= 2 ? code.substring(0, 2) : code;
    }

    /** The time zone of a commune (INSEE code) or a département; {@link #DEFAULT_ZONE} for null and metropolitan ones. */
    public static ZoneId zoneOf(String inseeOrDepartement) {
        String dep = departementOf(inseeOrDepartement);
        return dep == null ? DEFAULT_ZONE : ZONES.getOrDefault(dep, DEFAULT_ZONE);
    }

    /** Whether the département is one of Alsace-Moselle's (57, 67, 68), which keep their local law (two more holidays). */
    public static boolean isAlsaceMoselle(String departement) {
        String dep = departementOf(departement);
        return "57".equals(dep) || "67".equals(dep) || "68".equals(dep);
    }
}
