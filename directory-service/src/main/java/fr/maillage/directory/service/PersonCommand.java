package fr.maillage.directory.service;

import java.util.List;
import java.util.UUID;

/** A person as a client wants them; {@link PersonService} checks and cleans every field. */
public record PersonCommand(String role, String firstName, String lastName, String phone, String email, Boolean notifySms,
        Boolean notifyEmail, List<UUID> placeIds, UUID partnerId) {
}
