-- A place published without coordinates is located at its commune's centre (from commune_ref) so that it
-- can still be found by a search near a commune; coordinates_source says which one we hold.
ALTER TABLE place_ref ADD COLUMN coordinates_source text NOT NULL DEFAULT 'place'
    CHECK (coordinates_source IN ('place', 'commune', 'none'));
