package fr.maillage.offers.territory;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of GET /api/v1/territory/indicators (issue 20 §2b). Every count of people is an {@code Integer}: null when
 * it lies between 1 and 4 (statistical secrecy, threshold {@link StatisticalSecrecy#THRESHOLD}); a rate is null when a
 * count of people it is computed from lies between 1 and 4, or when its denominator is 0.
 */
@Schema(name = "Indicateurs", description = "Indicateurs d'un territoire sur une période. Secret statistique : tout"
        + " effectif de personnes compris entre 1 et 4 vaut null (« moins de 5 ») ; un taux vaut null quand l'un des"
        + " effectifs de personnes dont il est tiré est compris entre 1 et 4. 0 reste 0.")
public record Indicators(
        SelectedTerritory territory,
        @Schema(examples = "2026-01-01") LocalDate from,
        @Schema(examples = "2026-12-31") LocalDate to,
        @Schema(nullable = true, description = "code du thème filtré (avec ses sous-thèmes), null : tous") String theme,
        @Schema(examples = "5") int secrecyThreshold,
        Totals totals,
        List<ThemeDemand> demandByTheme,
        List<CommuneFigures> communes,
        List<OfferFill> offers,
        List<PlaceFill> places) {

    @Schema(name = "IndicateursTotaux", description = "Totaux du territoire (null : moins de 5 personnes)")
    public record Totals(
            @Schema(nullable = true, description = "demandes : réservations confirmées ou mises en liste d'attente (datées de"
                    + " la demande) + refus faute de place") Integer demand,
            @Schema(nullable = true, description = "rendez-vous confirmés (d'emblée ou après liste d'attente), datés de la"
                    + " première confirmation") Integer bookings,
            @Schema(nullable = true, description = "venues, datées du début du créneau") Integer attended,
            @Schema(nullable = true, description = "absences, datées du début du créneau") Integer noShows,
            @Schema(nullable = true, description = "noShows / (attended + noShows), 4 décimales") Double noShowRate,
            @Schema(nullable = true, description = "annulations (toutes causes), datées de l'annulation") Integer cancellations,
            @Schema(nullable = true, description = "mises en liste d'attente, datées de la demande") Integer waitlisted,
            @Schema(nullable = true, description = "personnes encore en liste d'attente au début de leur créneau") Integer leftOnWaitingList,
            @Schema(nullable = true, description = "réservations refusées faute de place (créneau complet sans liste d'attente)") Integer refusedFull,
            @Schema(nullable = true, description = "leftOnWaitingList + refusedFull") Integer unmetDemand,
            @Schema(nullable = true, description = "orientations créées") Integer referrals,
            @Schema(description = "orientations par suite donnée (statut actuel), datées de leur création") ReferralOutcomes referralOutcomes) {
    }

    /** The outcome codes booking-service defines, plus {@code sent} (none recorded yet). */
    @Schema(name = "IndicateursSuitesOrientations", description = "null : moins de 5")
    public record ReferralOutcomes(
            @Schema(nullable = true, description = "aucune suite enregistrée") Integer sent,
            @Schema(nullable = true) Integer received,
            @Schema(nullable = true) Integer attended,
            @JsonProperty("no_show") @Schema(nullable = true) Integer noShow,
            @Schema(nullable = true) Integer redirected,
            @JsonProperty("no_longer_needed") @Schema(nullable = true) Integer noLongerNeeded) {
    }

    @Schema(name = "IndicateursTheme")
    public record ThemeDemand(
            @Schema(nullable = true, examples = "aide_demarches", description = "code du thème ; null : thème non précisé") String theme,
            @Schema(examples = "Aide aux démarches administratives") String label,
            @Schema(nullable = true) Integer demand,
            @Schema(nullable = true) Integer bookings,
            @Schema(nullable = true) Integer unmetDemand) {
    }

    @Schema(name = "IndicateursCommune", description = "Une commune du territoire ayant au moins un chiffre non nul")
    public record CommuneFigures(
            @Schema(examples = "80338") String code,
            @Schema(examples = "Fouilloy") String name,
            @Schema(nullable = true, examples = "900") Integer population,
            @Schema(nullable = true) Integer demand,
            @Schema(nullable = true) Integer bookings,
            @Schema(nullable = true) Integer attended,
            @Schema(nullable = true) Integer noShows,
            @Schema(nullable = true) Double noShowRate,
            @Schema(nullable = true) Integer cancellations,
            @Schema(nullable = true) Integer waitlisted,
            @Schema(nullable = true) Integer leftOnWaitingList,
            @Schema(nullable = true) Integer refusedFull,
            @Schema(nullable = true) Integer unmetDemand,
            @Schema(nullable = true) Integer referrals) {
    }

    @Schema(name = "IndicateursOffre", description = "Taux de remplissage d'une offre : séances prévues (non fermées) de la"
            + " période aux lieux du territoire")
    public record OfferFill(UUID offerId, String title,
            @Schema(description = "lieu principal de l'offre") UUID placeId, String placeName,
            @Schema(nullable = true, examples = "80338") String communeCode,
            @Schema(examples = "8") int sessions,
            @Schema(examples = "40") int capacity,
            @Schema(nullable = true, examples = "31") Integer confirmed,
            @Schema(nullable = true, examples = "0.775") Double fillRate) {
    }

    @Schema(name = "IndicateursLieu")
    public record PlaceFill(UUID placeId, String name,
            @Schema(nullable = true, examples = "80338") String communeCode,
            @Schema(examples = "8") int sessions,
            @Schema(examples = "40") int capacity,
            @Schema(nullable = true, examples = "31") Integer confirmed,
            @Schema(nullable = true, examples = "0.775") Double fillRate) {
    }
}
