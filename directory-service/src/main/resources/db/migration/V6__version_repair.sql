-- Ids deleted then re-created before V5: the re-created entity started again from version 0, so every
-- consumer, which ignores versions not above the highest it saw for an id, still holds it as deleted (and
-- offers-service refuses offers naming such a partner). Such an entity exists and its version is not above
-- the version of a *Deleted event the outbox holds for its id. This lists them with the highest version
-- ever published for the id; VersionRepair (at start-up, in Java, to publish the same snapshots as the
-- service) moves each one to that version + 1 with a *Upserted event, and removes its row.
CREATE TABLE version_repair (
    kind     text NOT NULL CHECK (kind IN ('partner', 'place', 'person')),
    id       uuid NOT NULL,
    version  bigint NOT NULL,
    PRIMARY KEY (kind, id)
);

WITH published AS (
    SELECT o.topic, o.aggregate_id,
           max((o.payload::jsonb ->> 'version')::bigint) AS highest,
           max((o.payload::jsonb ->> 'version')::bigint) FILTER (WHERE o.type LIKE '%Deleted') AS deleted
    FROM outbox_event o
    WHERE o.topic IN ('directory.partners.v1', 'directory.places.v1', 'directory.people.v1')
    GROUP BY o.topic, o.aggregate_id
)
INSERT INTO version_repair (kind, id, version)
SELECT 'partner', e.id, p.highest FROM partner e
JOIN published p ON p.topic = 'directory.partners.v1' AND p.aggregate_id = e.id::text
WHERE e.version <= p.deleted
UNION ALL
SELECT 'place', e.id, p.highest FROM place e
JOIN published p ON p.topic = 'directory.places.v1' AND p.aggregate_id = e.id::text
WHERE e.version <= p.deleted
UNION ALL
SELECT 'person', e.id, p.highest FROM person e
JOIN published p ON p.topic = 'directory.people.v1' AND p.aggregate_id = e.id::text
WHERE e.version <= p.deleted;
