package fr.maillage.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each running service migrated its own database, with its own role, through Flyway. */
class DatabaseMigrationTest {

    @ParameterizedTest
    @ValueSource(strings = { "directory", "offers", "booking", "notification" })
    void eachServiceMigratedItsOwnDatabase(String service) throws Exception {
        try (Connection db = Infra.connect(service);
                Statement sql = db.createStatement();
                ResultSet history = sql.executeQuery(
                        "SELECT count(*) FILTER (WHERE success), count(*) FILTER (WHERE NOT success), min(installed_by) FROM flyway_schema_history")) {
            history.next();
            assertTrue(history.getInt(1) >= 1, service + ": no successful Flyway migration");
            assertEquals(0, history.getInt(2), service + ": a Flyway migration failed");
            assertEquals(service, history.getString(3), service + ": migrated by another role");
        }
    }
}
