package fr.maillage.booking.events;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;

/** The partitions of directory.people.v1 this instance consumes (see {@link AssignedPartitions}). */
@ApplicationScoped
@Identifier("directory-people.rebalancer")
public class PeoplePartitions extends AssignedPartitions {
    private static volatile int assigned;

    PeoplePartitions() {
        super(Topics.PEOPLE);
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
