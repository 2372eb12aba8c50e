package fr.maillage.directory.service;

import java.time.OffsetDateTime;
import java.util.UUID;

import fr.maillage.directory.api.PartnerRequest;
import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.events.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class PartnerService {
    public static final String TOPIC = "directory.partners.v1";

    private final Outbox outbox;

    PartnerService(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public Partner create(PartnerRequest request) {
        Partner partner = new Partner();
        partner.id = UUID.randomUUID();
        partner.name = request.name().strip();
        partner.createdAt = OffsetDateTime.now();
        partner.updatedAt = partner.createdAt;
        partner.persistAndFlush();
        outbox.record(TOPIC, "PartnerCreated", partner.id.toString(), partner.version, PartnerSnapshot.of(partner));
        return partner;
    }

    public record PartnerSnapshot(UUID id, String name) {
        static PartnerSnapshot of(Partner partner) {
            return new PartnerSnapshot(partner.id, partner.name);
        }
    }
}
