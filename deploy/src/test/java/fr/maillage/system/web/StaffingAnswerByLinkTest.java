package fr.maillage.system.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import fr.maillage.system.Demo;
import fr.maillage.system.SmsStub;

/**
 * Issue 19, item 2 (« each gets one message with accept/decline; the first acceptance becomes the shift, the others are
 * told it is covered »), from the volunteer's side, in Chromium through the gateway and WITHOUT signing in: the CCAS de
 * Marigny asks two available volunteers (through the API); each gets ONE SMS (the provider stub) with the answer link;
 * the first opens it — the permanence (offer, date, place) and « J'accepte » / « Je ne peux pas » — and accepts: they now
 * staff the permanence (API); the second opens theirs and reads that it is already covered (no answer buttons), and is
 * told so by SMS. Every page passes {@link AuditedBrowser}'s checkpoint; the link's token is masked in the report.
 */
class StaffingAnswerByLinkTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String CCAS = Demo.id("PARTNER_CCAS_MARIGNY");
    private static final String PLACE = Demo.id("PLACE_CCAS_MARIGNY");
    private static final Pattern LINK = Pattern.compile("(?:https?://[^\\s/]+)?(/benevole/reponse/[A-Za-z0-9_-]+)");

    @Test
    void theFirstVolunteerAcceptsFromTheLinkAndTheSecondReadsThatItIsCovered() {
        LocalDate day = LocalDate.now(PARIS).plusDays(4);
        StaffingFixtures.Volunteer first = StaffingFixtures.volunteer(CCAS, PLACE, "Noé");
        StaffingFixtures.Volunteer second = StaffingFixtures.volunteer(CCAS, PLACE, "Inès");
        for (StaffingFixtures.Volunteer v : List.of(first, second)) {
            StaffingFixtures.putRoster(CCAS, v.id(), StaffingFixtures.availableOn(day.getDayOfWeek(), LocalTime.of(14, 0), LocalTime.of(18, 0)));
        }
        StaffingFixtures.Permanence permanence = StaffingFixtures.permanence(CCAS, PLACE, "Permanence du CCAS", 30,
                StaffingFixtures.session(day, LocalTime.of(15, 0), 60));
        Map<String, String> requests = StaffingFixtures.ask(CCAS, permanence.id(), List.of(first.id(), second.id()));
        assertEquals(2, requests.size(), "one request each: " + requests);

        String firstLink = answerLink(first);
        String secondLink = answerLink(second);

        try (AuditedBrowser b = AuditedBrowser.open("benevole-reponse-par-lien", true)) {
            Page page = b.page();
            b.go(firstLink);
            b.checkpoint("reponse");
            assertEquals("Pouvez-vous assurer cette permanence ?", DeskSite.heading(page), b.describe());
            String asked = CitizenSite.text(page);
            assertTrue(asked.contains(permanence.title()), "the permanence's offer: " + b.describe() + " " + asked);
            assertTrue(asked.contains("Marigny"), "the place: " + asked);
            assertEquals(1, VolunteerSite.button(page, "Je ne peux pas").count(), "« Je ne peux pas »: " + b.describe());
            VolunteerSite.button(page, "J'accepte").click();
            page.waitForLoadState();
            b.checkpoint("reponse-acceptee");
            assertEquals("Merci, cette permanence est à vous", DeskSite.heading(page), b.describe() + DeskSite.errors(page));
            assertEquals(0, VolunteerSite.button(page, "J'accepte").count(), "answered: " + b.describe() + DeskSite.errors(page));

            b.go(secondLink);
            b.checkpoint("reponse-deja-assuree");
            String covered = CitizenSite.text(page);
            assertEquals(0, VolunteerSite.button(page, "J'accepte").count(), "nothing to answer any more: " + b.describe());
            assertEquals("Cette permanence est déjà assurée", DeskSite.heading(page), b.describe() + " " + covered);
            b.done();
        }

        // the first staffs the permanence; the second is told it is covered, by SMS (« La permanence du … est assurée »,
        // a message without a link, GSM-7: « assuree »)
        List<Object> staff = StaffingFixtures.permanenceOf(CCAS, permanence.id()).getList("staff.personId");
        assertEquals(List.of(first.id()), staff, "the first acceptance became the shift");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> SmsStub.to(second.mobile().e164())
                .stream().anyMatch(s -> !LINK.matcher(s.text()).find() && s.text().toLowerCase(Locale.ROOT).contains("assur")));
    }

    /** The answer link of the ONE SMS the volunteer got for the request (its path: the browser goes through the gateway). */
    private static String answerLink(StaffingFixtures.Volunteer v) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> SmsStub.to(v.mobile().e164()).stream().anyMatch(s -> LINK.matcher(s.text()).find()));
        List<SmsStub.Sms> withLink = SmsStub.to(v.mobile().e164()).stream().filter(s -> LINK.matcher(s.text()).find()).toList();
        assertEquals(1, withLink.size(), "one message with the answer link, not " + withLink.size());
        Matcher m = LINK.matcher(withLink.get(0).text());
        assertTrue(m.find());
        return m.group(1);
    }
}
