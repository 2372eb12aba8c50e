package fr.maillage.web.citizen;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import fr.maillage.web.api.Api;
import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.api.Dto;
import fr.maillage.web.api.PageNotFound;
import fr.maillage.web.http.Limited;

/**
 * The page behind the link of every SMS and e-mail, {@code /rdv/{token}}: see the appointment, cancel it (with a
 * confirmation step), move it to another slot of the same offer, download it for a calendar, find the way. After a
 * cancellation, the status only. The token is the credential: it is never logged, and pages send no referrer.
 */
@Path("/rdv/{token}")
@Produces(MediaType.TEXT_HTML)
public class SelfServicePages {
    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{16,200}$");
    static final Map<String, String> FIELDS = Map.of("slotId", "creneau");

    @Inject
    Api api;
    @Inject
    PlacePages places;

    /**
     * {@code active}: confirmed or waiting, still to come; {@code canCancel} / {@code canChange}: from booking's
     * {@code cancelUntil} / {@code rescheduleUntil} only ({@link Manage}: null = not possible).
     */
    public record SelfView(String token, Dto.Booking booking, String statusText, boolean active, boolean cancelled,
            boolean canCancel, boolean canChange, String directionsUrl, String mapUrl, String address, String info,
            Form form) {
    }

    public record ChangeView(SelfView self, List<Dto.Slot> slots, Form form) {
    }

    static boolean validToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    /** The token at the end of a self-service URL ({@code …/rdv/{token}}, or the older {@code …/bookings/self/{token}}). */
    static String tokenOf(String selfServiceUrl) {
        if (selfServiceUrl == null) {
            return null;
        }
        String t = selfServiceUrl.substring(selfServiceUrl.lastIndexOf('/') + 1);
        return validToken(t) ? t : null;
    }

    @GET
    public Response show(@PathParam("token") String token, @QueryParam("annule") String cancelled,
            @QueryParam("deplace") String moved) {
        SelfView v = view(token, cancelled != null ? "Votre rendez-vous est annulé."
                : moved != null ? "C'est fait : votre rendez-vous a été déplacé. Voici le nouvel horaire." : null, new Form());
        return Response.ok(Templates.self(v)).build();
    }

    @GET
    @Path("annuler")
    public Response confirmCancel(@PathParam("token") String token) {
        SelfView v = view(token, null, new Form());
        if (!v.canCancel()) {
            return BookingPages.seeOther("/rdv/" + token);
        }
        return Response.ok(Templates.cancel(v)).build();
    }

    @POST
    @Path("annuler")
    @Limited("self")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@PathParam("token") String token) {
        check(token);
        try {
            api.call(a -> a.cancelSelf(token));
            return BookingPages.seeOther("/rdv/" + token + "?annule=1");
        } catch (ApiRefusal refusal) {
            if (refusal.status == 404) {
                throw new PageNotFound();
            }
            SelfView v = view(token, null, new Form().general(refusal.detail()));
            return Response.status(refusal.status).entity(Templates.self(v)).build();
        }
    }

    @GET
    @Path("changer")
    public Response chooseSlot(@PathParam("token") String token) {
        SelfView v = view(token, null, new Form());
        if (!v.canChange()) {
            return BookingPages.seeOther("/rdv/" + token);
        }
        return Response.ok(Templates.change(changeView(v, new Form().label("creneau", "Nouveau créneau")))).build();
    }

    @POST
    @Path("changer")
    @Limited("self")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@PathParam("token") String token, @FormParam("creneau") String slotId) {
        SelfView v = view(token, null, new Form());
        Form form = new Form().label("creneau", "Nouveau créneau").set("creneau", slotId);
        UUID slot;
        try {
            slot = UUID.fromString(slotId == null ? "" : slotId.trim());
        } catch (IllegalArgumentException e) {
            form.error("creneau", "Choisissez un des créneaux de la liste.");
            return Response.status(422).entity(Templates.change(changeView(v, form))).build();
        }
        try {
            api.call(a -> a.rescheduleSelf(token, new Dto.SlotChoice(slot)));
            return BookingPages.seeOther("/rdv/" + token + "?deplace=1");
        } catch (ApiRefusal refusal) {
            if (refusal.status == 404 && refusal.problem != null && refusal.problem.field() == null) {
                throw new PageNotFound();
            }
            Problems.onto(form, refusal, FIELDS);
            if (form.general() != null && !form.hasErrors()) {
                form.error("creneau", form.general());
                form.general(null);
            }
            return Response.status(refusal.status).entity(Templates.change(changeView(v, form))).build();
        }
    }

    @GET
    @Path("agenda.ics")
    @Produces("text/calendar")
    public Response ics(@PathParam("token") String token) {
        check(token);
        byte[] body;
        try {
            body = api.read(a -> a.selfIcs(token));
        } catch (PageNotFound e) {
            // A booking-service without the token's calendar: the booking's own (public, no personal data).
            Dto.Booking b = api.read(a -> a.self(token));
            body = api.read(a -> a.ics(b.id().toString()));
        }
        return Response.ok(body, "text/calendar; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"rendez-vous-maillage.ics\"").build();
    }

    // ------------------------------------------------------------------ helpers

    private static void check(String token) {
        if (!validToken(token)) {
            throw new PageNotFound();
        }
    }

    private ChangeView changeView(SelfView v, Form form) {
        List<Dto.Slot> slots = places.bookableSlots(v.booking().offerId(), v.booking().slotId(),
                v.booking().bookedBy() == null ? SessionRules.CITIZEN : v.booking().bookedBy()).stream()
                .filter(s -> s.remaining() > 0).toList();
        return new ChangeView(v, slots, form);
    }

    SelfView view(String token, String info, Form form) {
        check(token);
        Dto.Booking b = api.read(a -> a.self(token));
        String status = b.status() == null ? "" : b.status();
        OffsetDateTime now = OffsetDateTime.now();
        boolean active = status.equals("confirmed") || status.equals("waitlisted");
        boolean future = b.start() != null && b.start().isAfter(now);
        Manage manage = Manage.of(b, now);
        boolean cancelled = status.startsWith("cancelled");
        String text = switch (status) {
            case "confirmed" -> "Rendez-vous confirmé";
            case "waitlisted" -> "Sur liste d'attente : nous vous prévenons si une place se libère";
            case "cancelled_by_citizen" -> "Rendez-vous annulé";
            case "cancelled_by_service" -> "Rendez-vous annulé par le lieu d'accueil";
            case "attended" -> "Rendez-vous passé";
            case "no_show" -> "Rendez-vous passé";
            case "expired" -> "Réservation non confirmée : elle n'est plus valable";
            case "pending" -> "En attente du code de confirmation";
            default -> status;
        };
        String directions = null;
        String map = null;
        String address = null;
        if (!cancelled && b.placeId() != null) {
            PlacePages.PlaceInfo p = api.orNull(() -> places.placeInfo(b.placeId()));
            if (p != null) {
                directions = p.directionsUrl();
                map = p.osmUrl();
                address = p.address();
            }
        }
        if (address == null && b.place() != null) {
            Dto.SlotPlace p = b.place();
            address = Format.address(p.street(), null, p.postalCode(), p.commune());
            if (directions == null && !cancelled) {
                map = Links.osmSearch(address);
            }
        }
        return new SelfView(token, b, text, active && future, cancelled, manage.canCancel(), manage.canChange(), directions,
                map, address, info, form);
    }
}
