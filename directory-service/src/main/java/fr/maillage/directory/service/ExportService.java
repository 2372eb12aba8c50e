package fr.maillage.directory.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.domain.Place;
import fr.maillage.directory.domain.StandardColumns;
import fr.maillage.platform.csv.CsvCells;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Places in the standard des lieux de médiation numérique v1.0 (so the national cartography and other
 * tools can take them). data·inclusion's export is {@link DataInclusionExport}.
 */
@ApplicationScoped
public class ExportService {
    private final PlaceSearchService search;

    ExportService(PlaceSearchService search) {
        this.search = search;
    }

    /** One map per place, keyed by the standard's columns in their published order; lists joined by "|". */
    public List<Map<String, Object>> standardRows() {
        List<Place> all = Place.listAll(Sort.by("name").and("id"));
        Map<UUID, Partner> partners = new HashMap<>();
        Partner.<Partner>listAll().forEach(p -> partners.put(p.id, p));
        Map<String, String> communeNames = search.communeNames(all.stream().map(p -> p.inseeCode).distinct().toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Place p : all) {
            Partner partner = partners.get(p.partnerId);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", p.sourceId != null ? p.sourceId : p.id.toString());
            row.put("pivot", partner == null ? null : partner.siret != null ? partner.siret : partner.rna);
            row.put("nom", p.name);
            row.put("commune", communeNames.get(p.inseeCode));
            row.put("code_postal", p.postalCode);
            row.put("code_insee", p.inseeCode);
            row.put("adresse", p.street);
            row.put("complement_adresse", p.complement);
            row.put("latitude", p.latitude);
            row.put("longitude", p.longitude);
            row.put("typologie", join(p.typologies));
            row.put("telephone", p.phone);
            row.put("courriels", p.email);
            row.put("site_web", p.website);
            row.put("horaires", p.openingHours);
            row.put("presentation_resume", p.presentation == null ? null
                    : p.presentation.length() > 280 ? p.presentation.substring(0, 277) + "…" : p.presentation);
            row.put("presentation_detail", p.presentation != null && p.presentation.length() > 280 ? p.presentation : null);
            row.put("source", "Maillage");
            row.put("itinerance", p.itinerance);
            row.put("structure_parente", partner == null ? null : partner.name);
            row.put("date_maj", (p.dateMaj != null ? p.dateMaj : p.updatedAt.toLocalDate()).toString());
            row.put("services", join(p.services));
            row.put("publics_specifiquement_adresses", join(p.publics));
            row.put("prise_en_charge_specifique", join(p.priseEnCharge));
            row.put("frais_a_charge", join(p.frais));
            row.put("dispositif_programmes_nationaux", join(p.programmes));
            row.put("formations_labels", join(p.formationsLabels));
            row.put("autres_formations_labels", null);
            row.put("modalites_acces", join(p.modalitesAcces));
            row.put("modalites_accompagnement", join(p.modalitesAccompagnement));
            row.put("fiche_acces_libre", p.acceslibreUrl);
            row.put("prise_rdv", p.priseRdvUrl);
            rows.add(row);
        }
        return rows;
    }

    /**
     * The standard's rows as CSV. Every text cell goes through {@link CsvCells#neutralise}: a place named
     * {@code =cmd|' /C calc'!A0} (or a phone {@code +33…}) is written {@code '=cmd|…} so that no spreadsheet runs it;
     * the import ({@link StandardReader}) removes exactly that apostrophe. Coordinates are numbers and stay numbers.
     */
    public String standardCsv() {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        StandardColumns.ALL.forEach(schema::addColumn);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : standardRows()) {
            Map<String, Object> cells = new LinkedHashMap<>();
            row.forEach((column, value) -> cells.put(column, value instanceof String text ? CsvCells.neutralise(text) : value));
            rows.add(cells);
        }
        try {
            // quote only what needs quoting, so headers read exactly as the standard's column names
            CsvMapper mapper = new CsvMapper();
            mapper.enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
            return mapper.writer(schema.build()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join("|", values);
    }
}
