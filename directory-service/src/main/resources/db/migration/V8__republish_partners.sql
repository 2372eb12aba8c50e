-- Issue 18: booking-service checks the target of a referral against its own read model of directory.partners.v1, filled
-- from the topic, which keeps events 7 days only. On an existing deployment most partners were published long ago:
-- republish every partner once, at this upgrade, through the repair that already runs at start (VersionRepair:
-- version + 1, a PartnerUpserted with the current snapshot), as V7 did for people. A fresh database has none: nothing to do.
INSERT INTO version_repair (kind, id, version)
SELECT 'partner', id, version FROM partner
ON CONFLICT (kind, id) DO NOTHING;
