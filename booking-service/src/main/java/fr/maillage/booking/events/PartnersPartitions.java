package fr.maillage.booking.events;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;

/** The partitions of directory.partners.v1 this instance consumes (see {@link AssignedPartitions}). */
@ApplicationScoped
@Identifier("directory-partners.rebalancer")
public class PartnersPartitions extends AssignedPartitions {
    private static volatile int assigned;

    PartnersPartitions() {
        super(Topics.PARTNERS);
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
