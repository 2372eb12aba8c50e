package fr.maillage.web.citizen;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.qute.TemplateInstance;

import fr.maillage.web.api.Api;
import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.api.Dto;
import fr.maillage.web.api.PageNotFound;
import fr.maillage.web.http.InsecureCookies;
import fr.maillage.web.http.Limited;

/**
 * Booking from the public site: the form (first name, mobile phone and/or e-mail, consent, commune of residence), the
 * 6-digit code sent to the person (the seat is held meanwhile), then the confirmation with the calendar file and the
 * self-service link. The self-service token, given by the API once, travels to the confirmation page in a cookie
 * limited to that booking's pages (HttpOnly, SameSite=Strict, Secure, one hour), never in an address or a log.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class BookingPages {
    static final String TOKEN_COOKIE = "maillage-rdv";
    static final Map<String, String> FIELDS = Map.of("person.firstName", "prenom", "person.phone", "telephone",
            "person.email", "email", "person.residenceInsee", "commune", "person.smsConsent", "consentement",
            "person.emailConsent", "consentement", "person", "telephone", "code", "code");

    @Inject
    Api api;
    @Inject
    Communes communes;
    @ConfigProperty(name = "maillage.web.public-url")
    String publicUrl;
    /** How long booking-service keeps the person's data after the appointment (its maillage.rgpd.retention-months). */
    @ConfigProperty(name = "maillage.web.retention-months", defaultValue = "24")
    int retentionMonths;

    public record BookView(Dto.Slot slot, Form form, String action, String offerUrl, boolean waitingList,
            int retentionMonths) {
    }

    /** {@code sentTo}: where the code went, e.g. « par SMS au numéro •• •• •• •• 78 »; {@code waitlisted}: a waiting-list place. */
    public record CodeView(Dto.Booking booking, Form form, String sentTo, String offerUrl, boolean expired,
            String info) {
        public boolean waitlisted() {
            return "waitlisted".equals(booking.pendingOutcome());
        }
    }

    /** {@code manage}: what the self-service link still allows (booking's deadlines), in the words of the SMS. */
    public record ConfirmationView(Dto.Booking booking, String icsUrl, String selfServiceUrl, String selfServiceText,
            boolean waitlisted, Manage manage) {
    }

    // ------------------------------------------------------------------ form

    @GET
    @Path("offres/{offerId}/reserver")
    public TemplateInstance form(@PathParam("offerId") String offerId, @QueryParam("creneau") String slotId) {
        Dto.Slot slot = slot(offerId, slotId);
        return Templates.book(view(slot, labelled(new Form()).set("creneau", slot.id().toString())));
    }

    @POST
    @Path("offres/{offerId}/reserver")
    @Limited("booking")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response book(@PathParam("offerId") String offerId, @FormParam("creneau") String slotId,
            @FormParam("prenom") String firstName, @FormParam("telephone") String phone, @FormParam("email") String email,
            @FormParam("consentement") String consent, @FormParam("commune") String residence) {
        Dto.Slot slot = slot(offerId, slotId);
        Form form = labelled(new Form()).set("creneau", slot.id().toString()).set("prenom", trim(firstName))
                .set("telephone", trim(phone)).set("email", trim(email)).set("consentement", consent)
                .set("commune", trim(residence));
        if (form.value("prenom").isEmpty()) {
            form.error("prenom", "Indiquez votre prénom.");
        } else if (form.value("prenom").length() > 100) {
            form.error("prenom", "Votre prénom est trop long (100 caractères au plus).");
        }
        if (form.value("telephone").isEmpty() && form.value("email").isEmpty()) {
            form.error("telephone", "Indiquez un téléphone portable ou une adresse e-mail : nous y envoyons le code.");
        }
        if (form.value("telephone").length() > 40) {
            form.error("telephone", "Ce numéro est trop long.");
        }
        if (form.value("email").length() > 254) {
            form.error("email", "Cette adresse e-mail est trop longue.");
        }
        if (consent == null || consent.isBlank()) {
            form.error("consentement", "Cochez la case pour que nous puissions vous envoyer le code et la confirmation.");
        }
        String residenceInsee = null;
        if (!form.value("commune").isEmpty()) {
            Communes.Match match = communes.find(form.value("commune"));
            if (match.found()) {
                residenceInsee = match.commune().code();
            } else if (match.ambiguous()) {
                form.error("commune", "Plusieurs communes portent ce nom : ajoutez le code postal, par exemple « "
                        + match.communes().get(0).label() + " ».");
            } else {
                form.error("commune", "Nous ne trouvons pas cette commune. Vérifiez l'orthographe, tapez son code postal, ou"
                        + " laissez ce champ vide.");
            }
        }
        if (form.hasErrors()) {
            return Response.status(422).entity(Templates.book(view(slot, form))).build();
        }
        boolean sms = !form.value("telephone").isEmpty();
        boolean mail = !form.value("email").isEmpty();
        String theme = slot.offer() != null && slot.offer().themes() != null && !slot.offer().themes().isEmpty()
                ? slot.offer().themes().get(0)
                : "aide_demarches";
        Dto.NewBooking request = new Dto.NewBooking(slot.id(),
                new Dto.NewPerson(form.value("prenom"), sms ? form.value("telephone") : null,
                        mail ? form.value("email") : null, sms, mail, residenceInsee),
                new Dto.NewNeed(theme, null), "citizen", "code");
        Dto.Booking booking;
        try {
            booking = api.call(a -> a.book(request));
        } catch (ApiRefusal refusal) {
            Problems.onto(form, refusal, FIELDS);
            int status = refusal.status >= 400 && refusal.status < 500 ? refusal.status : 422;
            return Response.status(status).entity(Templates.book(view(slot, form))).build();
        }
        if ("pending".equals(booking.status())) {
            return seeOther("/reservations/" + booking.id() + "/code");
        }
        return confirmed(booking);
    }

    // ------------------------------------------------------------------ code

    @GET
    @Path("reservations/{id}/code")
    public Response codePage(@PathParam("id") String id, @QueryParam("renvoye") String resent) {
        Dto.Booking booking = booking(id);
        if (confirmedOrWaiting(booking)) {
            return seeOther("/reservations/" + booking.id() + "/confirmation");
        }
        return Response.ok(Templates.code(codeView(booking, labelledCode(new Form()), resent != null
                ? "Un nouveau code vient de vous être envoyé. L'ancien ne marche plus." : null))).build();
    }

    @POST
    @Path("reservations/{id}/code")
    @Limited("code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@PathParam("id") String id, @FormParam("code") String typed) {
        Dto.Booking booking = booking(id);
        String code = typed == null ? "" : typed.replaceAll("\\s", "");
        Form form = labelledCode(new Form()).set("code", code);
        if (!code.matches("\\d{6}")) {
            form.error("code", "Le code a 6 chiffres. Recopiez-le tel que vous l'avez reçu.");
            return Response.status(422).entity(Templates.code(codeView(booking, form, null))).build();
        }
        try {
            Dto.Booking verified = api.call(a -> a.verify(booking.id().toString(), new Dto.Code(code)));
            return confirmed(verified);
        } catch (ApiRefusal refusal) {
            if (refusal.status == 409) {
                Dto.Booking now = api.orNull(() -> booking(id));
                if (now != null && confirmedOrWaiting(now)) {
                    // « Confirmer » pressed twice on a slow connection: the first one confirmed it
                    return seeOther("/reservations/" + now.id() + "/confirmation");
                }
                CodeView v = codeView(now == null ? booking : now, form, null);
                return Response.status(409).entity(Templates.code(new CodeView(v.booking(), form.general(refusal.detail()),
                        v.sentTo(), v.offerUrl(), true, null))).build();
            }
            if (refusal.status == 429) {
                form.error("code", refusal.detail());
            } else {
                Problems.onto(form, refusal, FIELDS);
            }
            return Response.status(refusal.status).entity(Templates.code(codeView(booking, form, null))).build();
        }
    }

    @POST
    @Path("reservations/{id}/code/nouveau")
    @Limited("code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response newCode(@PathParam("id") String id) {
        Dto.Booking booking = booking(id);
        try {
            api.run(a -> a.newCode(booking.id().toString()));
            return seeOther("/reservations/" + booking.id() + "/code?renvoye=1");
        } catch (ApiRefusal refusal) {
            if (refusal.status == 409) {
                Dto.Booking now = api.orNull(() -> booking(id));
                if (now != null && confirmedOrWaiting(now)) {
                    return seeOther("/reservations/" + now.id() + "/confirmation");
                }
            }
            Form form = labelledCode(new Form()).general(refusal.detail());
            CodeView v = codeView(booking, form, null);
            return Response.status(refusal.status).entity(Templates.code(new CodeView(v.booking(), form, v.sentTo(),
                    v.offerUrl(), refusal.status == 409, null))).build();
        }
    }

    // ------------------------------------------------------------------ confirmation

    @GET
    @Path("reservations/{id}/confirmation")
    public Response confirmation(@PathParam("id") String id, @CookieParam(TOKEN_COOKIE) String token) {
        Dto.Booking booking = booking(id);
        if (!confirmedOrWaiting(booking)) {
            // pending: the code is still expected; expired or cancelled: the code page says it is not confirmed
            return seeOther("/reservations/" + booking.id() + "/code");
        }
        String self = SelfServicePages.validToken(token) ? "/rdv/" + token : null;
        String ics = self != null ? self + "/agenda.ics" : "/api/v1/bookings/" + booking.id() + ".ics";
        String text = self != null ? publicUrl.replaceAll("/+$", "") + self : null;
        return Response.ok(Templates.confirmation(new ConfirmationView(booking, ics, self, text,
                "waitlisted".equals(booking.status()), Manage.of(booking, OffsetDateTime.now())))).build();
    }

    private Response confirmed(Dto.Booking booking) {
        Response.ResponseBuilder r = Response.status(303).header("Location", "/reservations/" + booking.id() + "/confirmation");
        String token = SelfServicePages.tokenOf(booking.selfServiceUrl());
        if (token != null) {
            r.cookie(new NewCookie.Builder(TOKEN_COOKIE).value(token).path("/reservations/" + booking.id())
                    .httpOnly(true).secure(!InsecureCookies.insecure()).sameSite(NewCookie.SameSite.STRICT).maxAge(3600)
                    .build());
        }
        return r.build();
    }

    // ------------------------------------------------------------------ helpers

    /** Confirmed (or waiting) once verified: what the confirmation page may show. Anything else never reads « confirmé ». */
    static boolean confirmedOrWaiting(Dto.Booking b) {
        String s = b.status() == null ? "" : b.status();
        return s.equals("confirmed") || s.equals("waitlisted") || s.equals("attended") || s.equals("no_show");
    }

    private Dto.Slot slot(String offerId, String slotId) {
        UUID offer = PlacePages.uuid(offerId);
        UUID slot = PlacePages.uuid(slotId);
        Dto.Slot s = api.read(a -> a.slot(slot.toString()));
        if (!offer.equals(s.offerId())) {
            throw new PageNotFound();
        }
        return s;
    }

    private Dto.Booking booking(String id) {
        UUID bookingId = PlacePages.uuid(id);
        return api.read(a -> a.booking(bookingId.toString()));
    }

    private BookView view(Dto.Slot slot, Form form) {
        // « liste d'attente » only where the offer has one (a full slot without it: booking refuses with 409)
        boolean waiting = slot.remaining() <= 0 && slot.bookingRules() != null && slot.bookingRules().waitingList();
        return new BookView(slot, form, Links.book(slot.offerId(), slot.id()), Links.offer(slot.offerId()), waiting,
                retentionMonths);
    }

    private CodeView codeView(Dto.Booking b, Form form, String info) {
        return new CodeView(b, form, sentTo(b), Links.offer(b.offerId()), expired(b), info);
    }

    /**
     * Where the code went: booking-service says it ({@code codeSentTo}: {@code sms} to a French mobile, else
     * {@code email}); from an older booking-service, the phone if there is one, else the e-mail.
     */
    static String sentTo(Dto.Booking b) {
        Dto.Person p = b.person();
        String phone = p == null ? null : p.phone();
        String email = p == null ? null : p.email();
        if ("sms".equals(b.codeSentTo())) {
            return phone != null ? "par SMS au numéro " + Format.masked(phone) : "par SMS";
        }
        if ("email".equals(b.codeSentTo())) {
            return email != null ? "par e-mail à l'adresse " + Format.maskedEmail(email) : "par e-mail";
        }
        return phone != null ? "au numéro " + Format.masked(phone)
                : email != null ? "à l'adresse " + Format.maskedEmail(email) : null;
    }

    private static boolean expired(Dto.Booking b) {
        return !"pending".equals(b.status()) || (b.holdExpiresAt() != null && b.holdExpiresAt().isBefore(OffsetDateTime.now()));
    }

    private static Form labelled(Form f) {
        return f.label("prenom", "Prénom").label("telephone", "Téléphone portable").label("email", "E-mail")
                .label("consentement", "Accord").label("commune", "Commune où vous habitez");
    }

    private static Form labelledCode(Form f) {
        return f.label("code", "Code reçu");
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    /** A redirection after a POST, with a relative Location: right behind the gateway whatever the Host it passes. */
    public static Response seeOther(String path) {
        return Response.status(303).header("Location", path).build();
    }
}
