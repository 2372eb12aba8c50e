package fr.maillage.web.citizen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opening hours in the OpenStreetMap syntax the directory stores (« Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00;
 * PH off ») written for a person: one line per rule, « du lundi au vendredi : 9 h – 12 h, 14 h – 17 h ». Whether a
 * place is open now is the directory's answer (openAt), not computed here.
 */
public final class Hours {
    private static final Map<String, String> DAYS = Map.of("Mo", "lundi", "Tu", "mardi", "We", "mercredi", "Th", "jeudi",
            "Fr", "vendredi", "Sa", "samedi", "Su", "dimanche", "PH", "jours fériés", "SH", "vacances scolaires");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern DAY_RANGE = Pattern.compile("\\b(Mo|Tu|We|Th|Fr|Sa|Su)-(Mo|Tu|We|Th|Fr|Sa|Su)\\b");
    private static final Pattern DAY = Pattern.compile("\\b(Mo|Tu|We|Th|Fr|Sa|Su|PH|SH)\\b");

    private Hours() {
    }

    public static List<String> lines(String openingHours) {
        List<String> lines = new ArrayList<>();
        if (openingHours == null || openingHours.isBlank()) {
            return lines;
        }
        for (String rule : openingHours.split(";")) {
            String r = rule.trim();
            if (!r.isEmpty()) {
                lines.add(line(r));
            }
        }
        return lines;
    }

    static String line(String rule) {
        if (rule.equals("24/7")) {
            return "tous les jours, jour et nuit";
        }
        String days = rule;
        String times = "";
        Matcher first = Pattern.compile("\\s(?=\\d|off|closed|\")").matcher(rule);
        if (first.find()) {
            days = rule.substring(0, first.start()).trim();
            times = rule.substring(first.end()).trim();
        } else if (TIME.matcher(rule).lookingAt()) {
            days = "";
            times = rule;
        }
        String d = DAY_RANGE.matcher(days).replaceAll(m -> "du " + DAYS.get(m.group(1)) + " au " + DAYS.get(m.group(2)));
        d = DAY.matcher(d).replaceAll(m -> DAYS.get(m.group(1)));
        d = d.replace(",", ", ");
        String t = times.replace("off", "fermé").replace("closed", "fermé");
        t = TIME.matcher(t).replaceAll(m -> {
            int h = Integer.parseInt(m.group(1));
            return m.group(2).equals("00") ? h + " h" : h + " h " + m.group(2);
        });
        t = t.replace("-", " – ").replace(",", ", ");
        if (d.isEmpty()) {
            return "tous les jours : " + t;
        }
        return t.isEmpty() ? d : d + " : " + t;
    }
}
