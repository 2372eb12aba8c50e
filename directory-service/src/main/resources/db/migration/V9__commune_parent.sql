-- Issue 21: the arrondissements municipaux of Paris, Lyon and Marseille (75101-75120, 69381-69389, 13201-13216) are in
-- the communes reference so that places and addresses may use their codes; parent_insee names their commune, so that
-- territory totals, EPCI and département lists never count Paris, Lyon or Marseille twice.
ALTER TABLE commune ADD COLUMN parent_insee varchar(5);
CREATE INDEX commune_parent ON commune (parent_insee) WHERE parent_insee IS NOT NULL;
