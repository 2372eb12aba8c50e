package fr.maillage.offers.api;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import fr.maillage.offers.domain.Schedule;
import fr.maillage.offers.service.OfferCommand;

/** Body of POST/PUT /api/v1/offers: everything but the status, which moves through publish/suspend/archive. */
@Schema(name = "OfferRequest", description = "Contenu d'une offre (le statut change par publish/suspend/archive)")
public record OfferRequest(
        @Schema(description = "Structure porteuse ; par défaut celle du lieu") UUID partnerId,
        @Schema(required = true, description = "Lieu de l'annuaire où l'offre a lieu") UUID placeId,
        @Schema(required = true, example = "Permanence conseiller numérique") String title,
        String description,
        @Schema(required = true, enumeration = { "permanence_individuelle", "atelier_collectif", "formation",
                "acces_libre", "aide_ponctuelle" }) String type,
        @Schema(required = true, description = "Codes de GET /api/v1/offers/themes ; de 1 à 19, distincts", minItems = 1, maxItems = 19,
                uniqueItems = true, example = "[\"aide_demarches\",\"impots\"]") List<String> themes,
        @Schema(description = "tout_public, jeunes, seniors, familles, demandeurs_emploi, personnes_handicap, allophones, illettrisme ; au plus 8, distincts",
                maxItems = 8, uniqueItems = true) List<String> publics,
        @Schema(enumeration = { "debutant", "intermediaire", "avance", "tous_niveaux" }) String level,
        @Schema(enumeration = { "sur_place", "itinerant", "a_distance" }, defaultValue = "sur_place") String modality,
        Fees fees,
        @Schema(description = "Langues d'accompagnement, codes ISO 639 en minuscules ; au plus 10, distincts", maxItems = 10,
                uniqueItems = true, example = "[\"fr\",\"en\"]") List<String> languages,
        @Schema(description = "Accessibilité / prises en charge spécifiques, textes libres de 1 à 200 caractères ; au plus 10, distincts",
                maxItems = 10, uniqueItems = true) List<String> accessibility,
        @Schema(required = true, minimum = "1", description = "Places par séance (1 pour un rendez-vous individuel)") Integer capacity,
        @Schema(required = true, minimum = "5", description = "Durée d'une séance ; une permanence est découpée en créneaux de cette durée") Integer sessionDurationMinutes,
        @Schema(description = "Personnes de l'annuaire qui assurent l'offre ; au plus 20, distinctes", maxItems = 20, uniqueItems = true) List<UUID> staffIds,
        @Schema(description = "Codes INSEE des communes desservies (mutualisation) ; au plus 2000, distincts", maxItems = 2000,
                uniqueItems = true, example = "[\"80212\",\"80799\"]") List<String> servedCommunes,
        BookingRulesRequest bookingRules,
        @Schema(description = "Calendrier : au plus 20 règles (rules), 400 dates d'exception (exceptions) et 400 dates ponctuelles (oneOffs) ; "
                + "toute date entre le 2000-01-01 et l'horizon de planification") Schedule schedule) {

    /** The service's command (checked there: 422 naming each field). */
    public OfferCommand toCommand() {
        return new OfferCommand(partnerId, placeId, title, description, type, themes, publics, level, modality,
                fees == null ? null : new OfferCommand.Fees(fees.kind(), fees.priceCents(), fees.passNumerique()),
                languages, accessibility, capacity, sessionDurationMinutes, staffIds, servedCommunes,
                bookingRules == null ? null : new OfferCommand.BookingRulesCommand(bookingRules.allowedBookers(),
                        bookingRules.minDelayMinutes(), bookingRules.maxDelayDays(), bookingRules.cancelUntilMinutes(),
                        bookingRules.rescheduleUntilMinutes(), bookingRules.waitingList(), bookingRules.reminderOffsetsMinutes()),
                schedule);
    }

    @Schema(name = "Fees")
    public record Fees(@Schema(enumeration = { "gratuit", "gratuit_sous_condition", "payant" }, defaultValue = "gratuit") String kind,
            @Schema(description = "Prix en centimes, obligatoire si payant") Integer priceCents,
            @Schema(description = "Pass numérique accepté") Boolean passNumerique) {
    }

    /** Missing members take the defaults (RDV Service Public-like: J-2 and H-2 reminders...). */
    @Schema(name = "BookingRulesRequest")
    public record BookingRulesRequest(
            @Schema(description = "citizen, agent, partner_app ; de 1 à 3, distincts", minItems = 1, maxItems = 3, uniqueItems = true) List<String> allowedBookers,
            @Schema(defaultValue = "120") Integer minDelayMinutes,
            @Schema(defaultValue = "60") Integer maxDelayDays,
            @Schema(defaultValue = "240") Integer cancelUntilMinutes,
            @Schema(defaultValue = "1440") Integer rescheduleUntilMinutes,
            @Schema(defaultValue = "true") Boolean waitingList,
            @Schema(description = "Rappels envoyés avant chaque séance, en minutes (1 à 43200) ; au plus 5, distincts", maxItems = 5,
                    uniqueItems = true, defaultValue = "[2880, 120]") List<Integer> reminderOffsetsMinutes) {
    }
}
