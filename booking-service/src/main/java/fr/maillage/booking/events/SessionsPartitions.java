package fr.maillage.booking.events;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;

/** The partitions of offers.sessions.v1 this instance consumes (see {@link AssignedPartitions}). */
@ApplicationScoped
@Identifier("offers-sessions.rebalancer")
public class SessionsPartitions extends AssignedPartitions {
    private static volatile int assigned;

    SessionsPartitions() {
        super(Topics.SESSIONS);
    }

    @Override
    void assigned(int partitions) {
        assigned = partitions;
    }

    /** Number of partitions currently assigned to this instance. */
    public static int assigned() {
        return assigned;
    }
}
