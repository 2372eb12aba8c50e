package fr.maillage.notification.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the notification API. */
public final class NotificationDtos {
    private NotificationDtos() {
    }

    @Schema(description = "Accusé de réception d'une notification (données personnelles masquées)")
    public record NotificationView(UUID id, @Schema(nullable = true) UUID bookingId, @Schema(nullable = true) UUID shiftId,
            @Schema(nullable = true) UUID personId,
            @Schema(enumeration = { "sms", "email", "voice" }) String channel, String template,
            @Schema(nullable = true, description = "Numéro ou adresse masqués ; null une fois anonymisé") String recipient,
            @Schema(enumeration = { "pending", "sending", "sent", "delivered", "failed", "skipped" }) String status,
            @Schema(nullable = true, description = "Raison d'un statut skipped (opted_out, quiet_hours, booking_cancelled, not_a_french_mobile...)") String skipReason,
            int attempts, @Schema(nullable = true) Integer segments, @Schema(nullable = true) String error, OffsetDateTime dueAt,
            @Schema(nullable = true) OffsetDateTime nextAttemptAt, @Schema(nullable = true) OffsetDateTime sentAt,
            @Schema(nullable = true) OffsetDateTime deliveredAt, boolean anonymised) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    @Schema(description = "Rapport de remise envoyé par le fournisseur SMS")
    public record SmsCallback(
            @Schema(description = "Identifiant du message chez le fournisseur") String messageId,
            @Schema(description = "Notre référence (id de notification), si le fournisseur la renvoie") String reference,
            @NotBlank(message = "indiquez le statut : delivered, failed ou undelivered")
            @Schema(enumeration = { "delivered", "failed", "undelivered" }, required = true) String status,
            @Size(max = 500, message = "500 caractères au plus") String error) {
    }

    @Schema(description = "Compte rendu d'un appel vocal envoyé par le fournisseur d'appels vocaux")
    public record VoiceCallback(
            @Schema(description = "Identifiant de l'appel chez le fournisseur") String callId,
            @Schema(description = "Notre référence (id de notification), si le fournisseur la renvoie") String reference,
            @NotBlank(message = "indiquez le statut : completed, no_answer, busy ou failed")
            @Schema(enumeration = { "completed", "no_answer", "busy", "failed" }, required = true) String status,
            @Size(max = 500, message = "500 caractères au plus") String error) {
    }

    @Schema(description = "SMS reçu par le numéro du service (webhook du fournisseur)")
    public record InboundSms(
            @NotBlank(message = "indiquez le numéro de l'expéditeur") @Schema(required = true, example = "+33612345678") String from,
            @Size(max = 2000, message = "2000 caractères au plus") @Schema(example = "STOP") String text) {
    }

    public record InboundResult(@Schema(enumeration = { "opted_out", "opted_in", "ignored" }) String action) {
    }

    @Schema(description = "Désinscription SMS d'un numéro")
    public record OptOutRequest(
            @NotBlank(message = "indiquez le numéro de téléphone") @Schema(required = true, example = "06 12 34 56 78") String phone) {
    }

    public record OptOutView(@Schema(example = "+33612345678") String phone, boolean optedOut) {
    }
}
