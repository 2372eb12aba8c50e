package fr.maillage.directory.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import fr.maillage.directory.config.DirectoryConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Loads the communes reference from communes.csv with PostgreSQL's COPY (35k rows in about a second),
 * only when the file's SHA-256 differs from the one recorded at the last load. The whole reload is
 * one transaction: readers see the old reference or the new one, never half of it.
 *
 * <p>Rurality: INSEE's density grid ({@code grille_densite}, levels 5-7 are rural) when the file has
 * that column; otherwise the density proxy documented in shared/data/README.md, population / area
 * below 200 inhabitants per km². A commune without an area is not counted as rural.
 */
@ApplicationScoped
public class CommuneLoader {
    private static final Logger LOG = Logger.getLogger(CommuneLoader.class);
    static final double RURAL_DENSITY = 200.0;
    private static final List<String> REQUIRED = List.of("code_insee", "nom", "code_departement", "code_region",
            "code_epci", "nom_epci", "codes_postaux", "population", "superficie_km2", "latitude", "longitude");
    private static final Set<String> OPTIONAL = Set.of("grille_densite");

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
        String checksum = sha256(file);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (Statement lock = c.createStatement()) {
                    // two replicas starting together: one loads, the other waits then sees the checksum
                    lock.execute("SELECT pg_advisory_xact_lock(hashtext('communes-load'))");
                }
                if (checksum.equals(currentChecksum(c))) {
                    c.commit();
                    LOG.infof("Communes reference unchanged (%s), not reloaded", file);
                    return -1;
                }
                int count = copy(c, file);
                upsertLoad(c, checksum, count);
                c.commit();
                LOG.infof("Communes reference loaded from %s: %d communes", file, count);
                return count;
            } catch (IOException | SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private int copy(Connection c, Path file) throws IOException, SQLException {
        List<String> header;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null) {
                throw new IOException("empty file");
            }
            header = new ArrayList<>();
            for (String column : first.replace("\uFEFF", "").split(",")) {
                header.add(column.strip().replace("\"", ""));
            }
        }
        for (String required : REQUIRED) {
            if (!header.contains(required)) {
                throw new IOException("column " + required + " is missing (header: " + header + ")");
            }
        }
        StringBuilder columns = new StringBuilder();
        for (String column : header) {
            if (!column.matches("[a-z_0-9]+")) {
                throw new IOException("unexpected column name " + column);
            }
            columns.append(columns.length() == 0 ? "" : ", ").append(column).append(" text");
        }
        boolean hasGrid = header.contains("grille_densite");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE commune_staging (" + columns + ") ON COMMIT DROP");
        }
        long copied;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY commune_staging (" + String.join(", ", header) + ") FROM STDIN WITH (FORMAT csv, HEADER true)",
                    reader);
        }
        String rural = hasGrid
                ? "CASE WHEN nullif(grille_densite, '') IS NOT NULL THEN grille_densite::smallint >= 5 ELSE " + densityRural() + " END"
                : densityRural();
        try (Statement st = c.createStatement()) {
            st.executeUpdate("""
                    INSERT INTO commune (code_insee, nom, code_departement, code_region, code_epci, nom_epci, codes_postaux,
                                         population, superficie_km2, latitude, longitude, grille_densite, rural)
                    SELECT code_insee, nom, code_departement, nullif(code_region, ''), nullif(code_epci, ''), nullif(nom_epci, ''),
                           coalesce(string_to_array(nullif(codes_postaux, ''), '|'), '{}'),
                           coalesce(nullif(population, '')::integer, 0), nullif(superficie_km2, '')::numeric,
                           nullif(latitude, '')::double precision, nullif(longitude, '')::double precision,
                           %s, %s
                    FROM commune_staging
                    ON CONFLICT (code_insee) DO UPDATE SET nom = excluded.nom, code_departement = excluded.code_departement,
                        code_region = excluded.code_region, code_epci = excluded.code_epci, nom_epci = excluded.nom_epci,
                        codes_postaux = excluded.codes_postaux, population = excluded.population,
                        superficie_km2 = excluded.superficie_km2, latitude = excluded.latitude, longitude = excluded.longitude,
                        grille_densite = excluded.grille_densite, rural = excluded.rural
                    """.formatted(hasGrid ? "nullif(grille_densite, '')::smallint" : "NULL", rural));
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
        return (int) copied;
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

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
