package fr.maillage.directory.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record PartnerRequest(
        @NotBlank(message = "le nom de la structure est obligatoire") @Size(max = 200, message = "le nom ne doit pas dépasser 200 caractères") String name) {
}
