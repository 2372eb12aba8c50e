package fr.maillage.offers.territory;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A territory a request asked for, resolved against commune_ref and allowed for the caller by {@link TerritoryScope}.
 * Serialised as {@code {type, code, name, departement}} (the commune codes stay on the server).
 *
 * @param type        {@code departement}, {@code epci} or {@code commune}
 * @param code        the département code ({@code 80}, {@code 2A}, {@code 974}), the EPCI's SIREN or the commune's INSEE code
 * @param name        the département's name (« Département 80 » if unknown), the EPCI's name (commune_ref.epci_name) or
 *                    the commune's name
 * @param departement the département of the territory (for an EPCI spread over several, the one holding most of its
 *                    communes)
 * @param communeCodes the INSEE codes of its communes, sorted
 */
@Schema(name = "Territoire", description = "Le territoire demandé")
public record SelectedTerritory(
        @Schema(enumeration = { "departement", "epci", "commune" }, examples = "epci") String type,
        @Schema(examples = "248000531") String code,
        @Schema(examples = "CC du Val de Somme") String name,
        @Schema(examples = "80") String departement,
        @JsonIgnore @Schema(hidden = true) List<String> communeCodes) {

    public static final String DEPARTEMENT = "departement";
    public static final String EPCI = "epci";
    public static final String COMMUNE = "commune";

    public SelectedTerritory {
        communeCodes = List.copyOf(communeCodes);
    }
}
