package fr.maillage.system.fidelity;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.maillage.system.Gateway;
import fr.maillage.system.Tokens;
import fr.maillage.system.fidelity.OverseasPlaces.Commune;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Issue 21, items 2 and 5 through the gateway: holidays are those of the PLACE's département.
 * <ul>
 * <li>A weekly schedule (skipping public holidays) at a place in Metz (Moselle, 57463) has no session on Vendredi saint
 * nor on 26 décembre (Alsace-Moselle's local law), while the same schedule at Corbie (Somme, 80212) has both.</li>
 * <li>A place in Saint-Denis (La Réunion, 97411) whose hours are {@code Mo-Su 08:00-18:00; PH off} is not open on
 * 20 décembre (abolition of slavery in 974) in directory's « ouvert à » search, while the same hours in Corbie are.</li>
 * </ul>
 * On the code before issue 21 (national holidays only) Metz had both sessions and Saint-Denis was open. Dates are the
 * next Vendredi saint / 26 décembre / 20 décembre after tomorrow; fixtures through the API, short polls, no waiting.
 */
class RegionalHolidaysTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final LocalDate AFTER = LocalDate.now(PARIS).plusDays(2);

    // shared/data/communes.csv
    static final Commune METZ = new Commune("57463", "57000", 49.10483, 6.19623);
    static final Commune CORBIE = OverseasPlaces.CORBIE;
    static final Commune SAINT_DENIS = OverseasPlaces.SAINT_DENIS;
    static final String HOURS = "Mo-Su 08:00-18:00; PH off";

    @Test
    void aMoselleScheduleSkipsGoodFridayAndSaintStephenAndAMetropolitanOneDoesNot() {
        LocalDate goodFriday = nextGoodFriday(AFTER);
        LocalDate saintStephen = next(AFTER, 12, 26);
        String partner = OverseasPlaces.partner("Structure fériés " + UUID.randomUUID().toString().substring(0, 8));
        String metz = OverseasPlaces.place(partner, "Lieu de médiation de Metz", METZ, null);
        String corbie = OverseasPlaces.place(partner, "Lieu de médiation de Corbie", CORBIE, null);

        String metzOffer = weeklyOffer(partner, metz, goodFriday, saintStephen);
        String corbieOffer = weeklyOffer(partner, corbie, goodFriday, saintStephen);

        // each rule: the week before (a working day everywhere) and the holiday itself
        assertEquals(List.of(goodFriday.minusWeeks(1)), sessionDays(metzOffer, goodFriday), "Metz around Vendredi saint");
        assertEquals(List.of(saintStephen.minusWeeks(1)), sessionDays(metzOffer, saintStephen), "Metz around 26 décembre");
        assertEquals(List.of(goodFriday.minusWeeks(1), goodFriday), sessionDays(corbieOffer, goodFriday),
                "Corbie around Vendredi saint");
        assertEquals(List.of(saintStephen.minusWeeks(1), saintStephen), sessionDays(corbieOffer, saintStephen),
                "Corbie around 26 décembre");
    }

    @Test
    void aPlaceInLaReunionWithPhOffIsClosedOnTheTwentiethOfDecember() {
        LocalDate twentieth = next(AFTER, 12, 20);
        String partner = OverseasPlaces.partner("Structure 974 " + UUID.randomUUID().toString().substring(0, 8));
        String saintDenis = OverseasPlaces.place(partner, "Lieu de médiation de Saint-Denis", SAINT_DENIS, HOURS);
        String corbie = OverseasPlaces.place(partner, "Lieu de médiation de Corbie", CORBIE, HOURS);
        // 12:00 UTC = 16:00 at Saint-Denis, 13:00 at Corbie: within 08:00-18:00 in both places
        String noonUtc = twentieth + "T12:00:00Z";
        assertEquals(List.of(), openPlaces(SAINT_DENIS.insee(), noonUtc, saintDenis), "Saint-Denis on " + twentieth);
        assertEquals(List.of(saintDenis), openPlaces(SAINT_DENIS.insee(), twentieth.plusDays(1) + "T12:00:00Z", saintDenis),
                "Saint-Denis the next day");
        assertEquals(List.of(corbie), openPlaces(CORBIE.insee(), noonUtc, corbie), "Corbie on " + twentieth);
    }

    /** The ids among {@code only} of the places of a commune open at that moment. */
    private static List<String> openPlaces(String insee, String at, String only) {
        JsonPath page = Gateway.given().queryParam("insee", insee).queryParam("openAt", at).queryParam("size", 100)
                .when().get("/api/v1/places").then().statusCode(200).extract().jsonPath();
        return page.<String>getList("items.id").stream().filter(only::equals).toList();
    }

    /** Days of the offer's planned sessions in the 15 days before {@code day} and the day itself. */
    private static List<LocalDate> sessionDays(String offerId, LocalDate day) {
        JsonPath page = Gateway.given().queryParam("from", day.minusDays(15) + "T00:00:00Z")
                .queryParam("to", day.plusDays(2) + "T00:00:00Z").queryParam("size", 100)
                .when().get("/api/v1/offers/" + offerId + "/sessions").then().statusCode(200).extract().jsonPath();
        List<LocalDate> days = new ArrayList<>();
        for (Map<String, Object> s : page.<Map<String, Object>>getList("items")) {
            if (!"cancelled".equalsIgnoreCase(String.valueOf(s.get("status")))) {
                days.add(LocalDate.parse(String.valueOf(s.get("start")).substring(0, 10)));
            }
        }
        return days;
    }

    /** A published atelier with two weekly rules (2 occurrences each) ending on each holiday, skipping public holidays. */
    private static String weeklyOffer(String partnerId, String placeId, LocalDate goodFriday, LocalDate saintStephen) {
        Map<String, Object> offer = new HashMap<>();
        offer.put("placeId", placeId);
        offer.put("partnerId", partnerId);
        offer.put("title", "Atelier hebdomadaire " + UUID.randomUUID().toString().substring(0, 8));
        offer.put("description", "Offre créée par un test de bout en bout (jours fériés du lieu)");
        offer.put("type", "atelier_collectif");
        offer.put("themes", List.of("aide_demarches"));
        offer.put("capacity", 5);
        offer.put("sessionDurationMinutes", 60);
        offer.put("schedule", Map.of("rules", List.of(rule(goodFriday), rule(saintStephen)), "skipPublicHolidays", true));
        long days = ChronoUnit.DAYS.between(LocalDate.now(PARIS), goodFriday.isAfter(saintStephen) ? goodFriday : saintStephen);
        offer.put("bookingRules", new HashMap<>(Map.of("minDelayMinutes", 0, "maxDelayDays", (int) Math.min(730, days + 10))));
        String offerId = UUID.randomUUID().toString();
        String app = Tokens.partnerApp(partnerId);
        // offers answers 422 « Lieu inconnu » / « Structure inconnue » until it has read the directory's events
        await("offers-service knows the place").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response r = Gateway.given().auth().oauth2(app).contentType("application/json").body(offer)
                    .when().put("/api/v1/offers/" + offerId);
            if (r.statusCode() == 422 && r.asString().contains("inconnu")) {
                return false;
            }
            r.then().statusCode(anyOf(is(201), is(200)));
            return true;
        });
        Gateway.given().auth().oauth2(app).when().post("/api/v1/offers/" + offerId + "/publish").then().statusCode(200);
        return offerId;
    }

    private static Map<String, Object> rule(LocalDate holiday) {
        String day = holiday.getDayOfWeek().name().substring(0, 2);
        return Map.of("rrule", "FREQ=WEEKLY;BYDAY=" + day + ";COUNT=2", "startDate", holiday.minusWeeks(1).toString(),
                "startTime", "10:00", "endTime", "11:00");
    }

    /** The first {@code month}/{@code day} on or after {@code from}. */
    static LocalDate next(LocalDate from, int month, int day) {
        LocalDate d = LocalDate.of(from.getYear(), month, day);
        return d.isBefore(from) ? d.plusYears(1) : d;
    }

    /** The first Vendredi saint on or after {@code from}. */
    static LocalDate nextGoodFriday(LocalDate from) {
        LocalDate d = easter(from.getYear()).minusDays(2);
        return d.isBefore(from) ? easter(from.getYear() + 1).minusDays(2) : d;
    }

    /** Gregorian Easter Sunday (Meeus/Jones/Butcher); 2026-04-05, 2027-03-28 and 2028-04-16 checked below. */
    static LocalDate easter(int y) {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(y, month, day);
    }

    @Test
    void easterIsComputedRight() {
        assertEquals(LocalDate.of(2026, 4, 5), easter(2026));
        assertEquals(LocalDate.of(2027, 3, 28), easter(2027));
        assertEquals(LocalDate.of(2028, 4, 16), easter(2028));
        assertEquals(DayOfWeek.FRIDAY, nextGoodFriday(LocalDate.of(2026, 12, 8)).getDayOfWeek());
    }
}
