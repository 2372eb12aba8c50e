package fr.maillage.booking.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Une page de résultats : page commence à 0, total compte tous les résultats du filtre")
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}
