package fr.maillage.booking.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.booking.domain.Booking;
import fr.maillage.booking.domain.BookingStatus;
import fr.maillage.booking.domain.Deadlines;
import fr.maillage.booking.domain.Slot;
import fr.maillage.booking.domain.Times;

@Schema(description = "Un rendez-vous. start, end et previousStart sont à l'heure locale du lieu (décalage de son fuseau, "
        + "timeZone) ; les dates de suivi (createdAt…) à l'heure de Paris.")
public record BookingResponse(UUID id,
        @Schema(enumeration = { "confirmed", "waitlisted", "pending", "expired", "cancelled_by_citizen",
                "cancelled_by_service", "attended", "no_show" }, description = "pending : en attente du code (verification "
                + "code), place tenue jusqu'à holdExpiresAt ; expired : code non saisi à temps ou erroné trop de fois, place "
                + "rendue") String status,
        UUID slotId, UUID offerId, UUID placeId,
        @Schema(example = "2027-01-12T09:00:00+04:00") OffsetDateTime start,
        @Schema(example = "2027-01-12T09:30:00+04:00") OffsetDateTime end, OffsetDateTime previousStart,
        @Schema(description = "Fuseau horaire IANA du lieu (issue 21), déduit de sa commune ; Europe/Paris en métropole",
                example = "Indian/Reunion") String timeZone,
        String cancelReason, String bookedBy, UUID agentId,
        @Schema(description = "Structure partenaire dont l'application a réservé (déclarée, ou l'organisation du jeton partner-app)") UUID partnerId,
        @Schema(description = "Organisation pour laquelle le rendez-vous a été pris (claim org du jeton de l'appelant)") UUID bookerOrg,
        @Schema(description = "null une fois les données anonymisées, et par le lien personnel d'un rendez-vous annulé") Person person,
        @Schema(description = "null une fois les données anonymisées, et par le lien personnel d'un rendez-vous annulé") Need need, Offer offer, Place place,
        @Schema(nullable = true, description = "Lien personnel de consultation/annulation (seulement à la création et pour la personne elle-même)") String selfServiceUrl,
        String icsUrl, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime anonymisedAt,
        @Schema(enumeration = { "confirmed", "waitlisted" }, description = "Seulement si pending : ce que devient le rendez-vous "
                + "une fois le code saisi (la place ou le rang en liste d'attente qu'il tient)") String pendingOutcome,
        @Schema(description = "Seulement si pending : fin de la réservation provisoire ; sans le bon code d'ici là, la place "
                + "est rendue (status expired)") OffsetDateTime holdExpiresAt,
        @Schema(description = "Seulement si pending : essais de code restants") Integer codeAttemptsLeft,
        @Schema(description = "Rendez-vous actif à venir : jusqu'à quand la personne peut l'annuler elle-même (délai de l'offre)") OffsetDateTime cancelUntil,
        @Schema(description = "Rendez-vous confirmé à venir : jusqu'à quand il peut être déplacé vers un autre créneau de la même offre") OffsetDateTime rescheduleUntil,
        @Schema(enumeration = { "sms", "email" }, description = "Seulement si pending : où le code est envoyé (SMS au portable, "
                + "sinon e-mail)") String codeSentTo,
        @Schema(enumeration = { "sms", "email", "voice", "none" }, description = "Comment la personne reçoit ses rappels : "
                + "sms (portable, accord SMS), email (accord e-mail), voice (téléphone fixe donné au guichet par un agent : "
                + "appel vocal la veille), none (aucun message : la fiche imprimée au guichet fait foi)") String reminderChannel,
        @Schema(description = "Pour les agents : un nouveau lien personnel peut être envoyé (POST "
                + "/api/v1/bookings/{id}/self-service-link) — rendez-vous confirmé ou en liste d'attente, portable ou e-mail connu ; "
                + "absent du lien personnel") Boolean selfServiceLinkResendable) {

    public record Person(String firstName, String lastName, String phone, String email, boolean smsConsent,
            boolean emailConsent,
            @Schema(description = "Code INSEE de la commune où la personne habite (facultatif)") String residenceInsee) {
    }

    public record Need(String theme, String text) {
    }

    public record Offer(String title, String type) {
    }

    public record Place(String name, String street, String postalCode, String commune, String phone) {
    }

    /** A cancelled booking seen through its self-service link: its status, the appointment it was, nobody's data. */
    public static BookingResponse statusOnly(Booking b, Slot slot, String icsUrl) {
        return new BookingResponse(b.id, b.status, b.slotId, b.offerId, b.placeId, slot.local(slot.start),
                slot.local(slot.end), slot.local(b.previousStart), slot.timeZone(), b.cancelReason, b.bookedBy, null, null, null, null, null,
                new Offer(slot.offerTitle, slot.offerType),
                new Place(slot.placeName, slot.placeStreet, slot.placePostalCode, slot.placeCommune, slot.placePhone),
                null, icsUrl, Times.paris(b.createdAt), Times.paris(b.updatedAt), Times.paris(b.anonymisedAt), null, null,
                null, null, null, null, null, null);
    }

    /** The booking for the person through their link (nothing about resending the link). */
    public static BookingResponse of(Booking b, Slot slot, String selfServiceUrl, String icsUrl) {
        return of(b, slot, selfServiceUrl, icsUrl, null);
    }

    /** {@code resendable}: whether an agent may send a new self-service link now (null: not said). */
    public static BookingResponse of(Booking b, Slot slot, String selfServiceUrl, String icsUrl, Boolean resendable) {
        Person person = b.anonymisedAt != null ? null
                : new Person(b.firstName, b.lastName, b.phone, b.email, b.smsConsent, b.emailConsent, b.residenceInsee);
        boolean pending = BookingStatus.PENDING.equals(b.status);
        Deadlines deadlines = Deadlines.of(b, slot);
        Need need = b.anonymisedAt != null ? null : new Need(b.needTheme, b.needText);
        return new BookingResponse(b.id, b.status, b.slotId, b.offerId, b.placeId, slot.local(slot.start),
                slot.local(slot.end), slot.local(b.previousStart), slot.timeZone(), b.cancelReason, b.bookedBy, b.agentId, b.partnerId, b.bookerOrg,
                person, need, new Offer(slot.offerTitle, slot.offerType),
                new Place(slot.placeName, slot.placeStreet, slot.placePostalCode, slot.placeCommune, slot.placePhone),
                selfServiceUrl, icsUrl, Times.paris(b.createdAt), Times.paris(b.updatedAt), Times.paris(b.anonymisedAt),
                pending ? b.pendingOutcome : null, pending ? Times.paris(b.holdExpiresAt) : null,
                pending ? b.codeAttemptsLeft : null,
                deadlines.cancelUntil(), deadlines.rescheduleUntil(), pending ? b.codeChannel() : null,
                b.reminderChannel(), resendable);
    }
}
