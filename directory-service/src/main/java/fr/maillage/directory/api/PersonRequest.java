package fr.maillage.directory.api;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.directory.service.PersonCommand;

import jakarta.validation.constraints.Size;

@Schema(description = "Someone who staffs places. The phone is normalised to E.164; SMS reminders need a phone, email reminders an address.")
public record PersonRequest(
        @Schema(enumeration = { "agent_accueil", "conseiller_numerique", "agent_france_services", "benevole", "aidant_connect" }) String role,
        @Schema(example = "Camille") String firstName,
        @Schema(example = "Exemple") String lastName,
        @Schema(example = "06 39 98 00 01") String phone,
        @Schema(example = "camille.exemple@example.org") String email,
        Boolean notifySms,
        Boolean notifyEmail,
        @Size(max = 50, message = "au plus 50 lieux") @Distinct
        @Schema(description = "Places this person staffs; at most 50, distinct", maxItems = 50, uniqueItems = true) List<UUID> placeIds,
        UUID partnerId) {

    public PersonCommand command() {
        return new PersonCommand(role, firstName, lastName, phone, email, notifySms, notifyEmail, placeIds, partnerId);
    }
}
