package fr.maillage.offers.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import fr.maillage.offers.config.OffersConfig;
import fr.maillage.platform.geo.CommunesLoader;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Loads the communes reference into commune_ref through the platform's {@link CommunesLoader} (the same reader and
 * loader as directory's: communes.csv completed by the shipped Paris/Lyon/Marseille supplement, COPY, only when the
 * checksum differs from the last load, under an advisory lock, one transaction). The arrondissements municipaux are
 * rows of commune_ref too (a place in the 8e without coordinates is located at the 8e's centre); territory scopes
 * leave them out ({@code fr.maillage.platform.geo.Plm}).
 */
@ApplicationScoped
public class CommuneLoader {
    private static final Logger LOG = Logger.getLogger(CommuneLoader.class);

    private final DataSource dataSource;
    private final OffersConfig config;
    private final ReferenceData reference;

    CommuneLoader(DataSource dataSource, OffersConfig config, ReferenceData reference) {
        this.dataSource = dataSource;
        this.config = config;
        this.reference = reference;
    }

    void onStart(@Observes StartupEvent event) {
        Path file = Path.of(config.communes().file());
        if (!Files.isReadable(file)) {
            LOG.warnf("Communes file %s is not readable: searches near a commune will only work once it is loaded",
                    file.toAbsolutePath());
            return;
        }
        try {
            load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Loading " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** @return the number of rows loaded, 0 when the reference was already loaded */
    public long load(Path file) throws IOException, SQLException {
        int rows = CommunesLoader.load(dataSource, file, "offers-communes-load", new CommunesLoader.Target() {
            @Override
            public String loadedChecksum(Connection c) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement("SELECT sha256 FROM reference_file WHERE name = 'communes'");
                        ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }

            @Override
            public void replace(Connection c, List<String> columns) throws SQLException {
                try (Statement st = c.createStatement()) {
                    st.execute("DELETE FROM commune_ref");
                    st.executeUpdate("""
                            INSERT INTO commune_ref (insee_code, name, department_code, region_code, epci_code, epci_name,
                                                     postal_codes, population, area_km2, latitude, longitude)
                            SELECT code_insee, nom, nullif(code_departement, ''), nullif(code_region, ''), nullif(code_epci, ''),
                                   nullif(nom_epci, ''), nullif(codes_postaux, ''), nullif(population, '')::integer,
                                   nullif(superficie_km2, '')::numeric, nullif(latitude, '')::double precision,
                                   nullif(longitude, '')::double precision
                            FROM commune_staging""");
                }
            }

            @Override
            public void recordLoad(Connection c, String checksum, int count) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO reference_file (name, sha256, rows, loaded_at) VALUES ('communes', ?, ?, now())
                        ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, rows = excluded.rows, loaded_at = now()""")) {
                    ps.setString(1, checksum);
                    ps.setLong(2, count);
                    ps.executeUpdate();
                }
            }
        });
        if (rows < 0) {
            LOG.debugf("Communes reference unchanged, not reloaded");
            return 0;
        }
        reference.invalidateCommunes();
        LOG.infof("Loaded %d communes from %s and the shipped Paris/Lyon/Marseille supplement", rows, file);
        return rows;
    }
}
