package fr.maillage.directory.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import fr.maillage.directory.domain.Person;

public record PersonResponse(UUID id, String role, String firstName, String lastName, String phone, String email,
        boolean notifySms, boolean notifyEmail, List<UUID> placeIds, UUID partnerId, long version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
    public static PersonResponse of(Person p) {
        return new PersonResponse(p.id, p.role, p.firstName, p.lastName, p.phone, p.email, p.notifySms, p.notifyEmail,
                p.placeIds, p.partnerId, p.version, p.createdAt, p.updatedAt);
    }
}
