package fr.maillage.directory.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Keeps the version of a partner, place or person increasing for the whole life of its id, across a
 * deletion and a re-creation with the same id (PUT with a client-chosen id, or an import of the same source
 * id). Consumers of the directory's events keep, per id, the highest version seen and ignore anything lower
 * or equal: a re-created entity starting again from version 0 would be ignored by all of them forever.
 * <p>
 * A deletion leaves a tombstone (table {@code deleted_entity}: kind, id, version of the *Deleted event), in
 * the deletion's transaction, with its outbox event. A creation asks {@link #initialVersion} for the version
 * to start from: 0 for a new id, else the tombstone's version + 1; the tombstone is then removed in the
 * creation's transaction (a later deletion writes a new one, higher still).
 * <p>
 * The entity's own {@code @Version} column carries that initial version, so the API's ETag and the events'
 * {@code version} stay one and the same number. Hibernate keeps a version assigned before {@code persist}
 * instead of seeding it with 0, as long as it is not null or negative
 * ({@code org.hibernate.engine.internal.Versioning#isNullInitialVersion}; for an entity whose id is assigned,
 * a non-zero version does not make Hibernate take the new instance for a detached one). A separate
 * event-version column would have made the ETag and the event version differ for the same state, and an
 * update after the insert would have cost a second write of every re-created row; both were set aside.
 * {@code RecreatedIdVersionsTest} checks, on the events read from Kafka, that the first PUT after a deletion stores and
 * publishes the tombstone's version + 1.
 */
@ApplicationScoped
public class VersionSequences {
    /** The entity kinds with a version sequence, as stored in {@code deleted_entity.kind}. */
    public enum Kind {
        PARTNER("partner"), PLACE("place"), PERSON("person");

        /** The value in {@code deleted_entity.kind} and {@code version_repair.kind}, also the entity's table. */
        final String column;

        Kind(String column) {
            this.column = column;
        }

        static Kind of(String column) {
            for (Kind kind : values()) {
                if (kind.column.equals(column)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown entity kind " + column);
        }
    }

    private final EntityManager em;

    VersionSequences(EntityManager em) {
        this.em = em;
    }

    /**
     * The version a new entity with this id must be created with (0, or the deleted one's last version + 1);
     * consumes the tombstone, if any. Call in the creating transaction, right before persisting.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long initialVersion(Kind kind, UUID id) {
        @SuppressWarnings("unchecked")
        List<Number> deleted = em.createNativeQuery("DELETE FROM deleted_entity WHERE kind = :kind AND id = :id RETURNING version")
                .setParameter("kind", kind.column).setParameter("id", id).getResultList();
        return deleted.isEmpty() ? 0 : deleted.get(0).longValue() + 1;
    }

    /** Records that {@code id} was deleted with an event of version {@code version}; call in the deleting transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(Kind kind, UUID id, long version) {
        em.createNativeQuery("INSERT INTO deleted_entity (kind, id, version) VALUES (:kind, :id, :version) "
                + "ON CONFLICT (kind, id) DO UPDATE SET version = greatest(deleted_entity.version, excluded.version), deleted_at = now()")
                .setParameter("kind", kind.column).setParameter("id", id).setParameter("version", version).executeUpdate();
    }
}
