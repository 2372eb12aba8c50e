package fr.maillage.directory.api;

import java.util.UUID;

import fr.maillage.directory.domain.Partner;

public record PartnerResponse(UUID id, String name, long version) {
    static PartnerResponse of(Partner partner) {
        return new PartnerResponse(partner.id, partner.name, partner.version);
    }
}
