package fr.maillage.offers.territory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import fr.maillage.platform.csv.CsvCells;
import fr.maillage.platform.problem.Problem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The CSV side of the territory endpoints (issue 20): the same URL answers CSV for {@code ?format=csv} or an
 * {@code Accept} asking {@code text/csv} before JSON; {@code ;}-separated, French header, every text cell through the
 * platform's {@link CsvCells} (formula neutralisation), quoted when it holds {@code ;}, a quote or a line break.
 */
public final class TerritoryCsv {
    public static final String MEDIA_TYPE = "text/csv";

    private TerritoryCsv() {
    }

    /** Whether the request asks for CSV; {@code format} other than json/csv is a 400 naming it. */
    public static boolean wanted(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw Problem.badRequest("format", "format attend json ou csv.");
            };
        }
        if (accept == null) {
            return false;
        }
        for (String part : accept.split(",")) {
            MediaType type;
            try {
                type = MediaType.valueOf(part.strip());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (type.getType().equalsIgnoreCase("text") && type.getSubtype().equalsIgnoreCase("csv")) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return false;
            }
        }
        return false;
    }

    /** One text cell: neutralised, then quoted if needed. */
    public static String text(String value) {
        if (value == null) {
            return "";
        }
        String cell = CsvCells.neutralise(value);
        if (cell.contains(";") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    /** One line of cells already written (numbers as numbers, texts through {@link #text}), CRLF-terminated. */
    public static String line(String... cells) {
        return Arrays.stream(cells).map(c -> c == null ? "" : c).collect(Collectors.joining(";")) + "\r\n";
    }

    /** The header line (plain French column names). */
    public static String header(List<String> columns) {
        return line(columns.stream().map(TerritoryCsv::text).toArray(String[]::new));
    }

    /** 200 {@code text/csv; charset=utf-8} as an attachment named {@code filename}. */
    public static Response attachment(String body, String filename) {
        return Response.ok(body.getBytes(StandardCharsets.UTF_8), MEDIA_TYPE + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
