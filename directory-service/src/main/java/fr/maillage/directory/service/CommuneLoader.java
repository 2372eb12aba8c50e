package fr.maillage.directory.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.jboss.logging.Logger;

import fr.maillage.directory.config.DirectoryConfig;
import fr.maillage.platform.geo.CommunesLoader;
import fr.maillage.platform.geo.Plm;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Loads the communes reference through the platform's {@link CommunesLoader} (communes.csv completed by the shipped
 * Paris/Lyon/Marseille supplement, COPY, only when the checksum differs from the last load, one transaction:
 * readers see the old reference or the new one, never half of it). Arrondissements municipaux get their commune in
 * {@code parent_insee}.
 *
 * <p>Rurality: INSEE's density grid ({@code grille_densite}, levels 5-7 are rural) when the file has
 * that column; otherwise the density proxy documented in shared/data/README.md, population / area
 * below 200 inhabitants per km². A commune without an area is not counted as rural.
 */
@ApplicationScoped
public class CommuneLoader {
    private static final Logger LOG = Logger.getLogger(CommuneLoader.class);
    static final double RURAL_DENSITY = 200.0;

    private final AgroalDataSource dataSource;
    private final DirectoryConfig config;

    CommuneLoader(AgroalDataSource dataSource, DirectoryConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.communes().loadAtStartup()) {
            return;
        }
        Path file = Path.of(config.communes().file());
        if (!Files.isReadable(file)) {
            // The service still answers (places need communes, so their writes will fail with 422):
            // better than refusing to start in an environment where the file is mounted later.
            LOG.errorf("Communes file %s is not readable (maillage.communes.file): communes reference not loaded",
                    file.toAbsolutePath());
            return;
        }
        try {
            load(file);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Cannot load communes from " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Loads the file unless already loaded; returns the number of communes loaded, or -1 when unchanged. */
    public int load(Path file) throws IOException, SQLException {
        int count = CommunesLoader.load(dataSource, file, "communes-load", new CommunesLoader.Target() {
            @Override
            public String loadedChecksum(Connection c) throws SQLException {
                return currentChecksum(c);
            }

            @Override
            public void replace(Connection c, List<String> columns) throws SQLException {
                copy(c, columns.contains("grille_densite"));
            }

            @Override
            public void recordLoad(Connection c, String checksum, int rows) throws SQLException {
                upsertLoad(c, checksum, rows);
            }
        });
        if (count < 0) {
            LOG.infof("Communes reference unchanged (%s), not reloaded", file);
        } else {
            LOG.infof("Communes reference loaded from %s and the shipped Paris/Lyon/Marseille supplement: %d communes", file,
                    count);
        }
        return count;
    }

    private static void copy(Connection c, boolean hasGrid) throws SQLException {
        String rural = hasGrid
                ? "CASE WHEN nullif(grille_densite, '') IS NOT NULL THEN grille_densite::smallint >= 5 ELSE " + densityRural() + " END"
                : densityRural();
        StringBuilder parents = new StringBuilder();
        for (String commune : List.of(Plm.PARIS, Plm.LYON, Plm.MARSEILLE)) {
            for (String arrondissement : Plm.arrondissementsOf(commune)) {
                parents.append(parents.length() == 0 ? "" : ", ").append("('").append(arrondissement).append("', '")
                        .append(commune).append("')");
            }
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("""
                    INSERT INTO commune (code_insee, nom, code_departement, code_region, code_epci, nom_epci, codes_postaux,
                                         population, superficie_km2, latitude, longitude, grille_densite, rural, parent_insee)
                    SELECT s.code_insee, nom, code_departement, nullif(code_region, ''), nullif(code_epci, ''), nullif(nom_epci, ''),
                           coalesce(string_to_array(nullif(codes_postaux, ''), '|'), '{}'),
                           coalesce(nullif(population, '')::integer, 0), nullif(superficie_km2, '')::numeric,
                           nullif(latitude, '')::double precision, nullif(longitude, '')::double precision,
                           %s, %s, pa.parent
                    FROM commune_staging s LEFT JOIN (VALUES %s) AS pa(code, parent) ON pa.code = s.code_insee
                    ON CONFLICT (code_insee) DO UPDATE SET nom = excluded.nom, code_departement = excluded.code_departement,
                        code_region = excluded.code_region, code_epci = excluded.code_epci, nom_epci = excluded.nom_epci,
                        codes_postaux = excluded.codes_postaux, population = excluded.population,
                        superficie_km2 = excluded.superficie_km2, latitude = excluded.latitude, longitude = excluded.longitude,
                        grille_densite = excluded.grille_densite, rural = excluded.rural, parent_insee = excluded.parent_insee
                    """.formatted(hasGrid ? "nullif(grille_densite, '')::smallint" : "NULL", rural, parents));
            // communes merged away since the last file, unless a place still points at them
            st.executeUpdate("""
                    DELETE FROM commune c WHERE NOT EXISTS (SELECT 1 FROM commune_staging s WHERE s.code_insee = c.code_insee)
                      AND NOT EXISTS (SELECT 1 FROM place p WHERE p.insee_code = c.code_insee)
                    """);
            st.executeUpdate("DELETE FROM commune_postal_code");
            st.executeUpdate("""
                    INSERT INTO commune_postal_code (code_postal, code_insee)
                    SELECT DISTINCT cp, code_insee FROM commune_staging, unnest(string_to_array(nullif(codes_postaux, ''), '|')) AS cp
                    """);
        }
    }

    private static String densityRural() {
        return "coalesce(nullif(superficie_km2, '')::numeric > 0 AND coalesce(nullif(population, '')::numeric, 0) / nullif(superficie_km2, '')::numeric < "
                + RURAL_DENSITY + ", false)";
    }

    private static String currentChecksum(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT checksum FROM reference_load WHERE name = 'communes'");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void upsertLoad(Connection c, String checksum, int count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO reference_load (name, checksum, row_count, loaded_at) VALUES ('communes', ?, ?, now())
                ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, row_count = excluded.row_count, loaded_at = now()
                """)) {
            ps.setString(1, checksum);
            ps.setInt(2, count);
            ps.executeUpdate();
        }
    }
}
