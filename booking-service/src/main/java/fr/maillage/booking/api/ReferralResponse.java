package fr.maillage.booking.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.booking.domain.Referral;
import fr.maillage.booking.domain.Times;
import fr.maillage.booking.service.ReferralService;

@Schema(description = "Une orientation et sa suite. Les dates sont à l'heure de Paris.")
public record ReferralResponse(UUID id,
        @Schema(enumeration = { "sent", "received", "attended", "no_show", "redirected", "no_longer_needed" },
                description = "sent, puis la dernière suite notée par la structure qui reçoit") String status,
        String need, UUID fromPartnerId, UUID targetPartnerId, UUID targetOfferId, UUID bookingId,
        @Schema(description = "null une fois les données anonymisées") Person person,
        @Schema(description = "null une fois les données anonymisées") String note,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime anonymisedAt, List<Outcome> outcomes) {

    public record Person(String firstName, String lastName, String phone, String email, String residenceInsee) {
    }

    public record Outcome(String outcome, String note, OffsetDateTime at) {
    }

    public static ReferralResponse of(ReferralService.View view) {
        Referral r = view.referral();
        Person person = r.anonymisedAt != null ? null
                : new Person(r.firstName, r.lastName, r.phone, r.email, r.residenceInsee);
        return new ReferralResponse(r.id, r.status, r.need, r.fromPartnerId, r.targetPartnerId, r.targetOfferId,
                r.bookingId, person, r.note, Times.paris(r.createdAt), Times.paris(r.updatedAt), Times.paris(r.anonymisedAt),
                view.outcomes().stream().map(o -> new Outcome(o.outcome, o.note, Times.paris(o.at))).toList());
    }
}
