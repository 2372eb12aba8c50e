package fr.maillage.directory.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import fr.maillage.directory.domain.Partner;

public record PartnerResponse(UUID id, String name, List<String> typologies, String siret, String rna,
        List<String> programmes, String email, String phone, String website, long version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
    public static PartnerResponse of(Partner p) {
        return new PartnerResponse(p.id, p.name, p.typologies, p.siret, p.rna, p.programmes, p.email, p.phone, p.website,
                p.version, p.createdAt, p.updatedAt);
    }
}
