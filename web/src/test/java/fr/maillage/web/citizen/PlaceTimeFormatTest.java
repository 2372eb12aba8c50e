package fr.maillage.web.citizen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import fr.maillage.web.api.Dto;
import fr.maillage.web.api.StaffDto;
import fr.maillage.web.api.VolunteerDto;
import fr.maillage.web.territory.TerritoryDto;

/**
 * Issue 21 item 1 (pages): one rule for every page — a time is written at its place's zone (the API's {@code timeZone}),
 * Europe/Paris when the record carries none. 974 (Indian/Reunion, UTC+4), 971 (America/Guadeloupe, UTC-4), 976
 * (Indian/Mayotte, UTC+3) and metropolitan.
 */
class PlaceTimeFormatTest {
    /** As the REST client reads them: Jackson's default re-expresses every time in UTC. */
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final OffsetDateTime UTC_0500 = OffsetDateTime.parse("2027-01-12T05:00:00Z");

    @Test
    void aTimeIsWrittenAtItsPlacesZoneAndParisWithoutOne() {
        assertEquals("9 h", Format.time(Format.at(UTC_0500, "Indian/Reunion")));
        assertEquals("1 h", Format.time(Format.at(UTC_0500, "America/Guadeloupe")));
        // 02:00 UTC is still the evening before in Pointe-à-Pitre
        assertEquals("lundi 11 janvier 2027", Format.day(Format.at(UTC_0500.minusHours(3), "America/Guadeloupe")));
        assertEquals("8 h", Format.time(Format.at(UTC_0500, "Indian/Mayotte")));
        assertEquals("6 h", Format.time(Format.at(UTC_0500, "Europe/Paris")));
        assertEquals("6 h", Format.time(Format.at(UTC_0500, null)), "no timeZone: Paris");
        assertEquals("6 h", Format.time(Format.at(UTC_0500, "Pas/UneZone")), "unknown zone: Paris");
        assertEquals("6 h", Format.time(UTC_0500), "a time in UTC without a place: Paris");
        assertEquals("9 h", Format.time(OffsetDateTime.parse("2027-01-12T09:00:00+04:00")), "its own offset");
        assertEquals(LocalDate.of(2027, 1, 11), Format.localDate(Format.at(UTC_0500.minusHours(3), "America/Guadeloupe")));
        assertEquals(LocalDate.of(2027, 1, 12), Format.localDate(Format.at(UTC_0500.minusHours(3), "Europe/Paris")));
        assertEquals("mardi 12 janvier 2027 à 9 h 30", Format.when(Format.at(UTC_0500.plusMinutes(30), "Indian/Reunion")));
    }

    @Test
    void everyRecordOfTheApiWithAPlaceTimeReadsItInItsZone() throws Exception {
        Dto.Booking booking = MAPPER.readValue("""
                {"id":"20000000-0000-4000-8000-000000000001","status":"confirmed","start":"2027-01-12T09:00:00+04:00",
                 "end":"2027-01-12T10:30:00+04:00","cancelUntil":"2027-01-12T05:00:00+04:00","timeZone":"Indian/Reunion"}""",
                Dto.Booking.class);
        assertEquals("9 h", Format.time(booking.start()));
        assertEquals("10 h 30", Format.time(booking.end()));
        assertEquals("mardi 12 janvier 2027 à 5 h", Format.when(booking.cancelUntil()));

        Dto.Booking metropolitan = MAPPER.readValue("""
                {"id":"20000000-0000-4000-8000-000000000002","status":"confirmed","start":"2027-01-12T09:00:00+01:00"}""",
                Dto.Booking.class);
        assertEquals("9 h", Format.time(metropolitan.start()), "no timeZone: Paris");

        Dto.Slot slot = MAPPER.readValue("""
                {"id":"10000000-0000-4000-8000-000000000001","start":"2027-01-12T09:00:00-04:00",
                 "end":"2027-01-12T09:45:00-04:00","timeZone":"America/Martinique"}""", Dto.Slot.class);
        assertEquals("9 h", Format.time(slot.start()));
        assertEquals("9 h 45", Format.time(slot.end()));

        Dto.NextSession next = MAPPER.readValue("""
                {"id":"10000000-0000-4000-8000-000000000001","start":"2027-01-12T09:00:00-03:00","remaining":2,
                 "timeZone":"America/Cayenne"}""", Dto.NextSession.class);
        assertEquals("9 h", Format.time(next.start()));

        // an offers search hit: the zone on its place
        Dto.OfferHit hit = MAPPER.readValue("""
                {"id":"30000000-0000-4000-8000-000000000001","place":{"name":"Lieu","timeZone":"Indian/Reunion"},
                 "nextSession":{"id":"10000000-0000-4000-8000-000000000001","start":"2027-01-12T09:00:00+04:00",
                 "remaining":1}}""", Dto.OfferHit.class);
        assertEquals("9 h", Format.time(hit.nextSession().start()));

        StaffDto.Permanence permanence = MAPPER.readValue("""
                {"id":"10000000-0000-4000-8000-000000000001","start":"2027-01-12T09:00:00+03:00",
                 "end":"2027-01-12T11:00:00+03:00","timeZone":"Indian/Mayotte"}""", StaffDto.Permanence.class);
        assertEquals("9 h", Format.time(permanence.start()));
        assertEquals("11 h", Format.time(permanence.end()));

        VolunteerDto.Shift shift = MAPPER.readValue("""
                {"id":"10000000-0000-4000-8000-000000000001","start":"2027-01-12T09:00:00-04:00",
                 "end":"2027-01-12T11:00:00-04:00","timeZone":"America/Guadeloupe"}""", VolunteerDto.Shift.class);
        assertEquals("9 h", Format.time(shift.start()));

        VolunteerDto.RequestPermanence request = MAPPER.readValue("""
                {"id":"10000000-0000-4000-8000-000000000001","start":"2027-01-12T09:00:00+04:00",
                 "timeZone":"Indian/Reunion"}""", VolunteerDto.RequestPermanence.class);
        assertEquals("9 h", Format.time(request.start()));

        TerritoryDto.How how = MAPPER.readValue("""
                {"kind":"session","nextAt":"2027-01-12T09:00:00+04:00","timeZone":"Indian/Reunion"}""",
                TerritoryDto.How.class);
        assertEquals("9 h", Format.time(how.nextAt()));
    }
}
