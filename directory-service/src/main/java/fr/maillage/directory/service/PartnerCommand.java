package fr.maillage.directory.service;

import java.util.List;

/** A partner as a client or an import wants it; {@link PartnerService} checks and cleans every field. */
public record PartnerCommand(String name, List<String> typologies, String siret, String rna, List<String> programmes,
        String email, String phone, String website) {
}
