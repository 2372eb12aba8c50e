package fr.maillage.system.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.maillage.system.Demo;
import fr.maillage.system.Gateway;
import io.restassured.path.json.JsonPath;

/**
 * Issue 16, item 5: a place named {@code =cmd|' /C calc'!A0} was exported as is in the public CSV of the standard, a
 * formula for any spreadsheet that opens the open-data file. Every text cell starting with = + - @ tab or CR now starts
 * with an apostrophe; numbers stay numbers; importing the file back gives the very same texts (the apostrophe is
 * removed by the import, not stored).
 */
class PlacesCsvExportNeutralisesFormulasTest {
    private static final String FORMULA = "=cmd|' /C calc'!A0";

    @Test
    void aFormulaNamedPlaceIsExportedGuardedAndReimportedFaithfully() {
        String partner = Demo.id("PARTNER_ROMAGNE");
        Map<String, Object> place = new HashMap<>();
        place.put("partnerId", partner);
        place.put("name", FORMULA);
        place.put("address", Map.of("street", "@SUM(1+1)*cmd|' /C calc'!A0", "postalCode", "35133", "inseeCode", "35243"));
        place.put("latitude", 48.3434);
        place.put("longitude", -1.2737);
        place.put("services", List.of("Aide aux démarches administratives"));
        place.put("presentation", "-2+3 ateliers par mois");
        place.put("dateMaj", "2026-11-01");
        String id = Gateway.asAdmin().contentType("application/json").body(place).when().post("/api/v1/places")
                .then().statusCode(201).extract().path("id");

        String csv = Gateway.given().queryParam("format", "csv").when().get("/api/v1/places/export").then().statusCode(200)
                .extract().asString();
        String header = csv.lines().findFirst().orElseThrow();
        String line = csv.lines().filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow(() -> new AssertionError(
                "the place " + id + " is in the export"));
        Map<String, String> row = parse(header + "\n" + line + "\n");
        assertEquals("'" + FORMULA, row.get("nom"), "the name is guarded by an apostrophe");
        assertEquals("'@SUM(1+1)*cmd|' /C calc'!A0", row.get("adresse"));
        assertEquals("'-2+3 ateliers par mois", row.get("presentation_resume"));
        for (Map.Entry<String, String> cell : row.entrySet()) {
            String v = cell.getValue();
            boolean number = cell.getKey().equals("latitude") || cell.getKey().equals("longitude");
            assertTrue(number || v.isEmpty() || "=+-@\t\r".indexOf(v.charAt(0)) < 0,
                    "no text cell starts with a formula character: " + cell);
        }
        assertTrue(line.contains(",48.3434,-1.2737,"), "coordinates stay plain numbers: " + line);

        // the open-data file imports back: the place keeps its texts, without the apostrophes
        String report = Gateway.asAdmin().contentType("text/csv; charset=UTF-8").body(header + "\n" + line + "\n")
                .when().post("/api/v1/places/import").then().statusCode(200).extract().asString();
        assertEquals(0, JsonPath.from(report).getInt("rejected"), report);
        JsonPath back = Gateway.given().when().get("/api/v1/places/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(FORMULA, back.getString("name"));
        assertEquals("@SUM(1+1)*cmd|' /C calc'!A0", back.getString("address.street"));
        assertEquals("-2+3 ateliers par mois", back.getString("presentation"));
        Gateway.asAdmin().when().delete("/api/v1/places/" + id).then().statusCode(204);
    }

    /** One header and one row of RFC 4180 CSV (quoted cells with doubled quotes; no line break inside a cell here). */
    private static Map<String, String> parse(String csv) {
        List<String> lines = csv.lines().toList();
        List<String> names = cells(lines.get(0));
        List<String> values = cells(lines.get(1));
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            row.put(names.get(i), i < values.size() ? values.get(i) : "");
        }
        return row;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
