-- A person belongs to a partner (partner_id, the owner whose application and agents manage them): access
-- to people's personal data is decided by it. People recorded without one get the partner of their places
-- when those all belong to the same partner; the others (no place, or places of several partners) stay
-- without owner, visible to the administrator only, until someone sets it.
-- Each backfilled person is a real change of the snapshot: version + 1 and a PersonUpserted in the outbox,
-- shaped like the ones the service writes (Snapshots.PersonData in EventEnvelope), so consumers stay in step.
WITH owners AS (
    SELECT pe.id, min(pl.partner_id::text)::uuid AS partner_id
    FROM person pe
    JOIN place pl ON pl.id = ANY (pe.place_ids)
    WHERE pe.partner_id IS NULL
    GROUP BY pe.id
    HAVING count(DISTINCT pl.partner_id) = 1
), backfilled AS (
    UPDATE person pe
    SET partner_id = o.partner_id, version = pe.version + 1, updated_at = now()
    FROM owners o
    WHERE pe.id = o.id
    RETURNING pe.*
), events AS (
    SELECT gen_random_uuid() AS event_id, b.*
    FROM backfilled b
)
INSERT INTO outbox_event (id, topic, aggregate_id, type, payload)
SELECT e.event_id, 'directory.people.v1', e.id::text, 'PersonUpserted',
       jsonb_build_object(
           'eventId', e.event_id,
           'type', 'PersonUpserted',
           'occurredAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'aggregateId', e.id::text,
           'version', e.version,
           'data', jsonb_build_object(
               'id', e.id, 'role', e.role, 'firstName', e.first_name, 'lastName', e.last_name,
               'phone', e.phone, 'email', e.email, 'notifySms', e.notify_sms, 'notifyEmail', e.notify_email,
               'placeIds', to_jsonb(e.place_ids), 'partnerId', e.partner_id, 'deleted', false))::text
FROM events e;
