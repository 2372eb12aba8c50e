package fr.maillage.platform.events;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * One outbox_event row, ready to be inserted in the transaction of the change it describes; {@code headers} is the JSON
 * of the Kafka headers the relay sends with it (trace context, request id), or null.
 */
public record OutboxRow(UUID id, String topic, String aggregateId, String type, String payload, String headers) {
    /** Binds the six {@link Outbox#COLUMNS} from parameter {@code first} on; @return the next parameter index. */
    public int bind(PreparedStatement statement, int first) throws SQLException {
        statement.setObject(first, id);
        statement.setString(first + 1, topic);
        statement.setString(first + 2, aggregateId);
        statement.setString(first + 3, type);
        statement.setString(first + 4, payload);
        statement.setString(first + 5, headers);
        return first + 6;
    }
}
