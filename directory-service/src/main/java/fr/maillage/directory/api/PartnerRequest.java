package fr.maillage.directory.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.directory.service.PartnerCommand;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(description = "A structure porteuse. SIRET (14 digits, checked) or RNA (W + 9 characters); enumerations use the standard's exact strings.")
public record PartnerRequest(
        @NotBlank(message = "le nom de la structure est obligatoire") @Size(max = 200, message = "le nom ne doit pas dépasser 200 caractères") @Schema(example = "Commune de Romagné") String name,
        @Size(max = 10, message = "au plus 10 typologies") @Distinct
        @Schema(description = "At most 10, distinct", maxItems = 10, uniqueItems = true, example = "[\"MUNI\"]") List<String> typologies,
        @Schema(example = "21350243700015") String siret,
        @Schema(example = "W352001234") String rna,
        @Size(max = 11, message = "au plus 11 dispositifs") @Distinct
        @Schema(description = "At most 11, distinct", maxItems = 11, uniqueItems = true, example = "[\"Conseillers numériques\"]") List<String> programmes,
        @Schema(example = "mairie@example.fr") String email,
        @Schema(example = "+33199001234") String phone,
        @Schema(example = "https://www.example.fr") String website) {

    public PartnerCommand command() {
        return new PartnerCommand(name, typologies, siret, rna, programmes, email, phone, website);
    }
}
