package fr.maillage.offers.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import fr.maillage.offers.config.OffersConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Loads communes.csv into commune_ref with PostgreSQL COPY, only when the file's SHA-256 differs from the
 * last load (a restart costs one hash). One transaction, under an advisory lock, so concurrent
 * replicas neither double-load nor expose a half-loaded table.
 */
@ApplicationScoped
public class CommuneLoader {
    private static final Logger LOG = Logger.getLogger(CommuneLoader.class);
    private static final long LOCK_KEY = 0x6f66666572730001L;

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

    /** @return the number of rows loaded, 0 when the file was already loaded */
    public long load(Path file) throws IOException, SQLException {
        String sha = sha256(file);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT sha256 FROM reference_file WHERE name = 'communes'")) {
                    ResultSet rs = ps.executeQuery();
                    if (rs.next() && sha.equals(rs.getString(1))) {
                        c.commit();
                        LOG.debugf("Communes file unchanged (%s), not reloaded", sha);
                        return 0;
                    }
                }
                try (Statement st = c.createStatement()) {
                    st.execute("DELETE FROM commune_ref");
                }
                long rows;
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                            COPY commune_ref (insee_code, name, department_code, region_code, epci_code, epci_name,
                                              postal_codes, population, area_km2, latitude, longitude)
                            FROM STDIN WITH (FORMAT csv, HEADER true)""", reader);
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO reference_file (name, sha256, rows, loaded_at) VALUES ('communes', ?, ?, now())
                        ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, rows = excluded.rows, loaded_at = now()""")) {
                    ps.setString(1, sha);
                    ps.setLong(2, rows);
                    ps.executeUpdate();
                }
                c.commit();
                reference.invalidateCommunes();
                LOG.infof("Loaded %d communes from %s", rows, file);
                return rows;
            } catch (IOException | SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
