-- Measured with 20k places (deploy/bench/directory-search.sh): with a GIN index on services the planner
-- ANDed it with the GiST index and spent ~40 ms reading the ~50% of places offering a common service;
-- without it, the GiST radius scan reads a few hundred rows and filters them in ~1 ms. The service is
-- always combined with a place in a radius or a commune, so the GIN index only misled the planner.
DROP INDEX IF EXISTS place_services;
