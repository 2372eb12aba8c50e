package fr.maillage.booking.api;

import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Status;
import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.BookingStatus;
import fr.maillage.booking.domain.Shift;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.service.ShiftService.PersonShift;

/** RFC 5545 calendars (biweekly). They name the offer and the place, never the person. */
final class Calendars {
    static final String TEXT_CALENDAR = "text/calendar; charset=utf-8";

    private Calendars() {
    }

    static String booking(Booking booking, Slot slot) {
        ICalendar calendar = calendar("Rendez-vous Maillage");
        VEvent event = event(slot, booking.id + "@booking.maillage.fr", "Rendez-vous : " + slot.offerTitle);
        event.setSequence((int) booking.version);
        boolean cancelled = booking.status.startsWith("cancelled") || BookingStatus.EXPIRED.equals(booking.status)
                || slot.isCancelled();
        event.setStatus(cancelled ? Status.cancelled() : Status.confirmed());
        if (BookingStatus.PENDING.equals(booking.status)) {
            event.setStatus(Status.tentative());
            event.setDescription("Réservation à confirmer avec le code reçu.");
        }
        if (BookingStatus.WAITLISTED.equals(booking.status)) {
            event.setStatus(Status.tentative());
            event.setDescription("Liste d'attente : vous serez prévenu si une place se libère.");
        }
        calendar.addEvent(event);
        return Biweekly.write(calendar).go();
    }

    static String shifts(List<PersonShift> shifts) {
        ICalendar calendar = calendar("Mes permanences Maillage");
        for (PersonShift item : shifts) {
            Shift shift = item.shift();
            VEvent event = event(item.slot(), shift.id + "@shifts.maillage.fr", "Permanence : " + item.slot().offerTitle);
            // the whole permanence (issue 19), not its first slot
            if (shift.start != null && shift.end != null) {
                event.setDateStart(Date.from(shift.start.toInstant()));
                event.setDateEnd(Date.from(shift.end.toInstant()));
            }
            event.setSequence((int) shift.version);
            event.setStatus(item.slot().isCancelled() ? Status.cancelled() : Status.confirmed());
            calendar.addEvent(event);
        }
        return Biweekly.write(calendar).go();
    }

    private static ICalendar calendar(String name) {
        ICalendar calendar = new ICalendar();
        calendar.setProductId("-//Maillage//booking-service//FR");
        calendar.setName(name);
        return calendar;
    }

    private static VEvent event(Slot slot, String uid, String summary) {
        VEvent event = new VEvent();
        event.setUid(uid);
        event.setSummary(summary);
        event.setDateStart(Date.from(slot.start.toInstant()));
        event.setDateEnd(Date.from(slot.end.toInstant()));
        event.setLocation(Stream.of(slot.placeName, slot.placeStreet,
                slot.placePostalCode == null ? slot.placeCommune : slot.placePostalCode + " " + slot.placeCommune)
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(", ")));
        return event;
    }
}
