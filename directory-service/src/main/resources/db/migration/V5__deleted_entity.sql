-- Tombstones: the last event version published for a partner, place or person that was deleted.
-- Consumers keep, per id, the highest version seen and ignore lower or equal ones; a client may re-create
-- a deleted id with PUT, and the re-created entity must then continue that id's version sequence instead
-- of starting again from 0 (it would stay "deleted" downstream forever). A deletion writes its row here in
-- the same transaction as the hard delete and the *Deleted outbox event; the re-creation starts at
-- version + 1 and removes the row, in its own transaction with its *Upserted event (see VersionSequences).
CREATE TABLE deleted_entity (
    kind        text NOT NULL CHECK (kind IN ('partner', 'place', 'person')),
    id          uuid NOT NULL,
    version     bigint NOT NULL,
    deleted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, id)
);

-- Deletions made before this table existed: the outbox keeps every event the service ever recorded (rows
-- are marked published, never removed), so the highest version published for an id that no longer
-- exists is known. Ids re-created before this migration are left as they are (see the README).
INSERT INTO deleted_entity (kind, id, version, deleted_at)
SELECT CASE o.topic WHEN 'directory.partners.v1' THEN 'partner'
                    WHEN 'directory.places.v1' THEN 'place'
                    ELSE 'person' END,
       o.aggregate_id::uuid,
       max((o.payload::jsonb ->> 'version')::bigint),
       max(o.created_at)
FROM outbox_event o
WHERE o.topic IN ('directory.partners.v1', 'directory.places.v1', 'directory.people.v1')
  AND NOT EXISTS (SELECT 1 FROM partner e WHERE o.topic = 'directory.partners.v1' AND e.id = o.aggregate_id::uuid)
  AND NOT EXISTS (SELECT 1 FROM place e WHERE o.topic = 'directory.places.v1' AND e.id = o.aggregate_id::uuid)
  AND NOT EXISTS (SELECT 1 FROM person e WHERE o.topic = 'directory.people.v1' AND e.id = o.aggregate_id::uuid)
GROUP BY 1, 2;
