-- Issue 16: booking-service now checks the people it staffs against its own read model of directory.people.v1, and
-- notification-service scopes opt-outs with its copy; both fill them from the topic, which keeps events 7 days only.
-- On an existing deployment most people were published long ago: republish every person once, at this upgrade, through
-- the repair that already runs at start (VersionRepair: version + 1, a PersonUpserted with the current snapshot, in one
-- transaction per start). A fresh database has no person yet: nothing to do.
INSERT INTO version_repair (kind, id, version)
SELECT 'person', id, version FROM person
ON CONFLICT (kind, id) DO NOTHING;
