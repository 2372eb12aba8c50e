package fr.maillage.booking.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.booking.domain.Roster;

@Schema(description = "Les disponibilités habituelles d'une personne : créneaux hebdomadaires (heure locale des lieux), "
        + "mois où elle est absente chaque année, thèmes des offres où elle peut aider (aucun : tous)")
public record Availability(
        @Schema(description = "ignoré à l'écriture s'il est absent ; sinon égal à celui du chemin") UUID personId,
        @Schema(description = "au plus 14 créneaux, sans chevauchement un même jour") List<Window> weekly,
        @Schema(description = "mois de 1 (janvier) à 12, distincts", example = "[8]") List<Integer> excludedMonths,
        @Schema(description = "au plus 20 codes de thème des offres, distincts", example = "[\"aide_demarches\"]") List<String> themes,
        @Schema(description = "dernière modification (lecture seule, ignorée à l'écriture)") OffsetDateTime updatedAt) {

    @Schema(description = "Un créneau hebdomadaire")
    public record Window(@Schema(enumeration = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" }) String day,
            @Schema(example = "09:00") String start, @Schema(example = "12:00") String end) {
    }

    public static Availability of(Roster roster) {
        return new Availability(roster.personId(), roster.weekly().stream()
                .map(w -> new Window(w.dayCode(), w.start().toString(), w.end().toString())).toList(),
                roster.excludedMonths(), roster.themes(), roster.updatedAt());
    }

    public List<Roster.WindowInput> windows() {
        return weekly == null ? null : weekly.stream()
                .map(w -> w == null ? null : new Roster.WindowInput(w.day(), w.start(), w.end())).toList();
    }
}
