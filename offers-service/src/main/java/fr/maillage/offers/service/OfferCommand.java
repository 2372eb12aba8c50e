package fr.maillage.offers.service;

import static fr.maillage.offers.service.OfferConstraints.REMINDER;

import java.util.List;
import java.util.UUID;

import fr.maillage.offers.domain.Audience;
import fr.maillage.offers.domain.Booker;
import fr.maillage.offers.domain.FeeKind;
import fr.maillage.offers.domain.Level;
import fr.maillage.offers.domain.Modality;
import fr.maillage.offers.domain.OfferType;
import fr.maillage.offers.domain.Schedule;
import fr.maillage.offers.domain.Theme;
import fr.maillage.offers.service.OfferConstraints.Code;
import fr.maillage.offers.service.OfferConstraints.DelaysInOrder;
import fr.maillage.offers.service.OfferConstraints.Distinct;
import fr.maillage.offers.service.OfferConstraints.NoNullElement;
import fr.maillage.offers.service.OfferConstraints.PriceMatchesKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a client sets on an offer (create or replace), with the rules a request must meet on its own (Bean
 * Validation, French messages naming what to fix). Rules needing the read models (places, partners, communes)
 * are {@link ReferenceChecks}; the schedule's are {@link fr.maillage.offers.domain.SchedulePlanner#validate}.
 * Members left out take their defaults (modality sur_place, fees gratuit, booking rules of {@link
 * fr.maillage.offers.domain.BookingRules#defaults()}).
 */
public record OfferCommand(
        UUID partnerId,
        @NotNull(message = "Le lieu est obligatoire.") UUID placeId,
        @NotBlank(message = "Le titre est obligatoire.") @Size(max = 200, message = "Le titre dépasse 200 caractères.") String title,
        @Size(max = 5000, message = "La description dépasse 5000 caractères.") String description,
        @Code(value = OfferType.class, unknown = "Type d'offre inconnu", required = "Le type d'offre est obligatoire") String type,
        @NotEmpty(message = "Indiquez au moins un thème (liste : GET /api/v1/offers/themes).")
        @Size(max = MAX_THEMES, message = "Au plus " + MAX_THEMES + " thèmes.") @Distinct(message = "Un thème est indiqué deux fois.")
        List<@Code(value = Theme.class, unknown = "Thème inconnu", nullIsUnknown = true) String> themes,
        @Size(max = MAX_PUBLICS, message = "Au plus " + MAX_PUBLICS + " publics.") @Distinct(message = "Un public est indiqué deux fois.")
        List<@Code(value = Audience.class, unknown = "Public inconnu", nullIsUnknown = true) String> publics,
        @Code(value = Level.class, unknown = "Niveau inconnu") String level,
        @Code(value = Modality.class, unknown = "Modalité inconnue") String modality,
        @Valid Fees fees,
        @Size(max = MAX_LANGUAGES, message = "Au plus " + MAX_LANGUAGES + " langues.") @Distinct(message = "Une langue est indiquée deux fois.")
        List<@NotNull(message = LANGUAGE) @Pattern(regexp = "[a-z]{2,3}", message = LANGUAGE) String> languages,
        @Size(max = MAX_ACCESSIBILITY, message = "Au plus " + MAX_ACCESSIBILITY + " mentions d'accessibilité.")
        @Distinct(message = "Une mention d'accessibilité est indiquée deux fois.")
        List<@NotBlank(message = ACCESSIBILITY) @Size(max = 200, message = ACCESSIBILITY) String> accessibility,
        @NotNull(message = "La capacité par séance est obligatoire.")
        @Min(value = 1, message = "La capacité par séance doit être supérieure à 0.")
        @Max(value = 1000, message = "La capacité par séance ne peut dépasser 1000.") Integer capacity,
        @NotNull(message = "La durée d'une séance (en minutes) est obligatoire.")
        @Min(value = 5, message = "La durée d'une séance doit être comprise entre 5 et 720 minutes.")
        @Max(value = 720, message = "La durée d'une séance doit être comprise entre 5 et 720 minutes.") Integer sessionDurationMinutes,
        @NoNullElement(message = "Identifiant de personne vide.")
        @Size(max = MAX_STAFF, message = "Au plus " + MAX_STAFF + " personnes assurent une offre.")
        @Distinct(message = "Une personne est indiquée deux fois.") List<UUID> staffIds,
        @NoNullElement(message = "Code INSEE vide dans la liste des communes desservies.")
        @Size(max = MAX_SERVED_COMMUNES, message = "Au plus " + MAX_SERVED_COMMUNES + " communes desservies.")
        @Distinct(message = "Une commune desservie est indiquée deux fois.") List<String> servedCommunes,
        @Valid BookingRulesCommand bookingRules,
        Schedule schedule) {

    @PriceMatchesKind
    public record Fees(@Code(value = FeeKind.class, unknown = "Tarif inconnu") String kind, Integer priceCents,
            Boolean passNumerique) {
    }

    /** Missing members take the defaults of {@link fr.maillage.offers.domain.BookingRules#defaults()}. */
    @DelaysInOrder
    public record BookingRulesCommand(
            @Size(min = 1, max = 3, message = "Indiquez au moins qui peut réserver (citizen, agent, partner_app), au plus 3 valeurs.")
            @Distinct(message = "Un type de réservant est indiqué deux fois.")
            List<@Code(value = Booker.class, unknown = "Type de réservant inconnu", nullIsUnknown = true) String> allowedBookers,
            @Min(value = 0, message = "Le délai minimum de réservation ne peut être négatif.") Integer minDelayMinutes,
            @Min(value = 1, message = "Le délai maximum de réservation doit être entre 1 et 730 jours.")
            @Max(value = 730, message = "Le délai maximum de réservation doit être entre 1 et 730 jours.") Integer maxDelayDays,
            @Min(value = 0, message = "Le délai d'annulation ne peut être négatif.") Integer cancelUntilMinutes,
            @Min(value = 0, message = "Le délai de report ne peut être négatif.") Integer rescheduleUntilMinutes,
            Boolean waitingList,
            @Size(max = MAX_REMINDERS, message = "Au plus " + MAX_REMINDERS + " rappels par réservation.")
            @Distinct(message = "Deux rappels ont le même délai : chaque délai ne figure qu'une fois.")
            List<@NotNull(message = REMINDER) @Min(value = 1, message = REMINDER) @Max(value = 43200, message = REMINDER) Integer> reminderOffsetsMinutes) {
    }

    /** List limits of a request (documented in the OpenAPI description of {@code OfferRequest} and the README). */
    public static final int MAX_THEMES = 19;
    public static final int MAX_PUBLICS = 8;
    public static final int MAX_LANGUAGES = 10;
    public static final int MAX_ACCESSIBILITY = 10;
    public static final int MAX_STAFF = 20;
    public static final int MAX_SERVED_COMMUNES = 2000;
    public static final int MAX_REMINDERS = 5;
    static final String LANGUAGE = "Une langue est un code ISO 639 en minuscules (fr, en, ar…).";
    static final String ACCESSIBILITY = "Une mention d'accessibilité est un texte de 1 à 200 caractères.";
}
