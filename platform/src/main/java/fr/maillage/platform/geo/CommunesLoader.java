package fr.maillage.platform.geo;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * Loads the communes reference ({@link CommunesReader}: the environment's file + the PLM supplement) into a
 * service's tables, the one way directory and offers do it: only when the checksum differs from the last load,
 * under a transaction-scoped advisory lock (replicas starting together load once), in one transaction (readers see
 * the old reference or the new one). The rows are COPYed into a temporary table {@code commune_staging} (every
 * column text, the file's column names) that the service's {@link Target} moves into its own tables.
 */
public final class CommunesLoader {
    public static final String STAGING = "commune_staging";

    /** What differs between services: where the last checksum is kept and how staged rows become theirs. */
    public interface Target {
        /** The checksum of the last load, or null. */
        String loadedChecksum(Connection c) throws SQLException;

        /** Moves the rows of {@link #STAGING} (text columns named as in {@code columns}) into the service's tables. */
        void replace(Connection c, List<String> columns) throws SQLException;

        void recordLoad(Connection c, String checksum, int rows) throws SQLException;
    }

    private CommunesLoader() {
    }

    /** @return the number of communes loaded, or -1 when the reference was already loaded */
    public static int load(DataSource dataSource, Path file, String lockName, Target target) throws IOException, SQLException {
        // Parsed only when it differs from what was loaded (the common case at start-up is an unchanged reference).
        String checksum = CommunesReader.checksum(file);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (var lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(1, lockName);
                    lock.execute();
                }
                if (checksum.equals(target.loadedChecksum(c))) {
                    c.commit();
                    return -1;
                }
                CommunesReader.Communes communes = CommunesReader.read(file);
                StringBuilder columns = new StringBuilder();
                for (String column : communes.columns()) {
                    columns.append(columns.length() == 0 ? "" : ", ").append(column).append(" text");
                }
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TEMP TABLE " + STAGING + " (" + columns + ") ON COMMIT DROP");
                }
                long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY " + STAGING + " (" + String.join(", ", communes.columns())
                                + ") FROM STDIN WITH (FORMAT csv, HEADER true)",
                        new StringReader(communes.toCsv()));
                target.replace(c, communes.columns());
                target.recordLoad(c, communes.checksum(), (int) copied);
                c.commit();
                return (int) copied;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }
}
