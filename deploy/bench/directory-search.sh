#!/usr/bin/env bash
# Benchmark of the directory's place search and coverage, in one run:
#   1. generates $PLACES places (default 20,000) spread over random French communes, straight into the
#      directory's database (SQL, so no event floods the shared Kafka topics), flagged source_id 'bench-%';
#   2. place search over HTTP: radius 30 km + service filter, from random commune centres, at a fixed
#      rate ($RATE req/s, default 200) for $DURATION s, open loop (deploy/bench/DirectoryLoad.java: latency
#      from each request's intended send time), after a warm-up of the service and of the generator itself
#      ($WARMUP_SECONDS s at $WARMUP_RATE req/s then $WARMUP_SECONDS s at $RATE req/s, then 5 s of rest);
#   3. the same main search SQL straight on PostgreSQL with pgbench, same points, same rate (the reference
#      of the ratio: distance, id, total); then, for information, the full statement the service sends
#      (every column of the page and the commune's name, prepared like pgjdbc does);
#   4. coverage of one département ($DEPARTEMENT, default 80) over HTTP (after 10 s of warm-up) and as raw SQL;
#   5. removes the generated places (KEEP=1 keeps them).
# Only 127.0.0.1 is targeted; every phase is bounded in time. The figures are only meaningful on a machine
# that is otherwise idle: the script prints the load average next to them.
#
# usage: deploy/bench/directory-search.sh            (directory on 127.0.0.1:8081, database "directory")
#        DIRECTORY_URL=http://127.0.0.1:18081 PGDATABASE=directory_test deploy/bench/directory-search.sh
# Isolated from a running stack and from the tests (which wipe their database), in a schema of its own, with
# the JVM options deploy/services.sh gives the services:
#   HTTP_PORT=18381 DB_NAME='directory_test?currentSchema=bench,public' \
#     java -Xms64m -Xmx512m -XX:+UseSerialGC -Dquarkus.flyway.schemas=bench -jar directory-service/target/quarkus-app/quarkus-run.jar &
#   PGOPTIONS='-c search_path=bench,public' DIRECTORY_URL=http://127.0.0.1:18381 PGDATABASE=directory_test \
#     deploy/bench/directory-search.sh
#   (then DROP SCHEMA bench CASCADE)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIRECTORY_URL=${DIRECTORY_URL:-http://127.0.0.1:8081}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGDATABASE=${PGDATABASE:-directory}
export PGUSER=${PGUSER:-directory} PGPASSWORD=${PGPASSWORD:-directory}
PLACES=${PLACES:-20000}
RATE=${RATE:-200}
DURATION=${DURATION:-30}
DEPARTEMENT=${DEPARTEMENT:-80}
RADIUS_KM=${RADIUS_KM:-30}
COVERAGE_RATE=${COVERAGE_RATE:-5}
COVERAGE_DURATION=${COVERAGE_DURATION:-20}
SERVICE="Aide aux démarches administratives"
SERVICE_Q="Aide%20aux%20d%C3%A9marches%20administratives"
BENCH_PARTNER=00000000-0000-4000-8000-0000000bec00

die() { echo "directory-search: $*" >&2; exit 1; }
case "$DIRECTORY_URL" in
  http://127.0.0.1:*|http://localhost:*) ;;
  *) die "DIRECTORY_URL must point at 127.0.0.1 (got $DIRECTORY_URL)" ;;
esac
[[ $PGHOST == 127.0.0.1 || $PGHOST == localhost ]] || die "PGHOST must be 127.0.0.1"
# Health is on the service's management port (9081 for the stack's directory; DIRECTORY_MANAGEMENT_URL otherwise).
DIRECTORY_MANAGEMENT_URL=${DIRECTORY_MANAGEMENT_URL:-http://127.0.0.1:$(( ${DIRECTORY_URL##*:} + 1000 ))}
{ curl -fsS -o /dev/null --max-time 5 "$DIRECTORY_MANAGEMENT_URL/q/health/ready" || curl -fsS -o /dev/null --max-time 5 "$DIRECTORY_URL/q/health/ready"; } \
  || die "directory not ready at $DIRECTORY_URL"

WORK=$(mktemp -d)
cleanup() {
  if [[ ${KEEP:-0} != 1 ]]; then
    psql -q -v ON_ERROR_STOP=1 -c "DELETE FROM place WHERE source_id LIKE 'bench-%'; DELETE FROM partner WHERE id = '$BENCH_PARTNER'; DROP TABLE IF EXISTS bench_point;" >/dev/null \
      || echo "directory-search: cleanup failed, remove places with source_id LIKE 'bench-%' by hand" >&2
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== generating $PLACES places (database $PGDATABASE)"
start=$(date +%s.%N)
psql -q -v ON_ERROR_STOP=1 -v n="$PLACES" -v partner="$BENCH_PARTNER" <<'SQL'
DELETE FROM place WHERE source_id LIKE 'bench-%';
INSERT INTO partner (id, name, version, created_at, updated_at)
VALUES (:'partner', 'Banc d''essai (benchmark)', 0, now(), now()) ON CONFLICT (id) DO NOTHING;
WITH cs AS (
  SELECT row_number() OVER (ORDER BY code_insee) AS rn, code_insee, codes_postaux[1] AS cp, latitude, longitude
  FROM commune WHERE latitude IS NOT NULL AND code_departement < '97' AND cardinality(codes_postaux) > 0
), pick AS (
  SELECT g, 1 + floor(random() * (SELECT count(*) FROM cs))::int AS rn, random() AS r1, random() AS r2
  FROM generate_series(1, :n) g
), other AS (
  SELECT ARRAY['Maîtrise des outils numériques du quotidien', 'Insertion professionnelle via le numérique',
               'Utilisation sécurisée du numérique', 'Parentalité et éducation avec le numérique',
               'Loisirs et créations numériques', 'Compréhension du monde numérique',
               'Accès internet et matériel informatique', 'Acquisition de matériel informatique à prix solidaire'] AS s
)
INSERT INTO place (id, partner_id, source_id, name, street, postal_code, insee_code, latitude, longitude,
                   opening_hours, services, frais, itinerance, served_communes, created_at, updated_at)
SELECT gen_random_uuid(), :'partner', 'bench-' || p.g, 'Lieu de test ' || p.g, '1 rue du Banc d''essai', cs.cp,
       cs.code_insee, cs.latitude + (p.r2 - 0.5) * 0.02, cs.longitude + (p.r1 - 0.5) * 0.02,
       'Mo-Fr 09:00-12:00,14:00-17:00',
       CASE WHEN p.r1 < 0.5 THEN ARRAY['Aide aux démarches administratives', other.s[1 + (p.g % 8)]]
            ELSE ARRAY[other.s[1 + (p.g % 8)]] END,
       '{Gratuit}', 'Fixe', ARRAY[cs.code_insee::text], now(), now()
FROM pick p JOIN cs ON cs.rn = p.rn CROSS JOIN other;
ANALYZE place;
DROP TABLE IF EXISTS bench_point;
CREATE TABLE bench_point AS
  SELECT row_number() OVER () AS i, latitude AS lat, longitude AS lon
  FROM (SELECT latitude, longitude FROM commune WHERE latitude IS NOT NULL AND code_departement < '97'
        ORDER BY random() LIMIT 500) x;
-- the raw SQL finds its point by primary key (the service gets it as parameters)
ALTER TABLE bench_point ADD PRIMARY KEY (i);
SQL
total_places=$(psql -tAc "SELECT count(*) FROM place")
echo "   done in $(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)") s; $total_places places in the database"

psql -tA -F ' ' -c "SELECT lat, lon FROM bench_point ORDER BY i" | while read -r lat lon; do
  echo "$DIRECTORY_URL/api/v1/places?lat=$lat&lon=$lon&radiusKm=$RADIUS_KM&service=$SERVICE_Q&size=20"
done >"$WORK/search.urls"
echo "$DIRECTORY_URL/api/v1/coverage?departement=$DEPARTEMENT&service=$SERVICE_Q&radiusKm=10&size=50" >"$WORK/coverage.urls"

# The service's main search query (PlaceSearchService), for the raw SQL time.
cat >"$WORK/search.sql" <<SQL
\set i random(1, 500)
SELECT p.id, ST_Distance(p.geog, (SELECT ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography FROM bench_point WHERE i = :i)) AS d, p.opening_hours, count(*) OVER () AS total
FROM place p
WHERE true AND ST_DWithin(p.geog, (SELECT ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography FROM bench_point WHERE i = :i), $RADIUS_KM * 1000.0) AND p.services @> ARRAY[CAST('$SERVICE' AS text)]
ORDER BY d NULLS LAST, p.id LIMIT 20 OFFSET 0;
SQL
# The full statement the service sends for that search (PlaceSearchService.COLUMNS: every column of the page,
# the commune's name), for information: the ratio keeps the leaner reference above.
cat >"$WORK/search-full.sql" <<SQL
\set i random(1, 500)
SELECT p.id, p.partner_id, p.source_id, p.name, p.street, p.complement, p.postal_code, p.insee_code,
  p.latitude, p.longitude, p.opening_hours, p.phone, p.email, p.website, p.presentation, p.typologies, p.services,
  p.publics, p.prise_en_charge, p.frais, p.programmes, p.formations_labels, p.modalites_acces,
  p.modalites_accompagnement, p.itinerance, p.acceslibre_url, p.prise_rdv_url, p.date_maj, p.served_epci,
  p.served_communes, p.version, p.created_at, p.updated_at, (SELECT nom FROM commune WHERE code_insee = p.insee_code) AS commune_nom,
  ST_Distance(p.geog, (SELECT ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography FROM bench_point WHERE i = :i)) AS d, count(*) OVER () AS total
FROM place p
WHERE true AND ST_DWithin(p.geog, (SELECT ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography FROM bench_point WHERE i = :i), $RADIUS_KM * 1000.0) AND p.services @> ARRAY[CAST('$SERVICE' AS text)]
ORDER BY d NULLS LAST, p.id LIMIT 20 OFFSET 0;
SQL
# The coverage computation (CoverageService), totals + gaps.
cat >"$WORK/coverage.sql" <<SQL
SELECT count(*), sum(population) FROM commune c WHERE c.code_departement = '$DEPARTEMENT';
WITH u AS (
  SELECT c.code_insee, c.nom, c.population, c.superficie_km2, c.geog FROM commune c
  WHERE c.code_departement = '$DEPARTEMENT' AND c.rural
    AND NOT EXISTS (SELECT 1 FROM place p WHERE p.insee_code = c.code_insee AND p.services @> ARRAY[CAST('$SERVICE' AS text)])
    AND NOT EXISTS (SELECT 1 FROM place p WHERE p.served_communes @> ARRAY[CAST(c.code_insee AS text)] AND p.services @> ARRAY[CAST('$SERVICE' AS text)])
    AND (c.geog IS NULL OR NOT EXISTS (SELECT 1 FROM place p WHERE ST_DWithin(p.geog, c.geog, 10000.0) AND p.services @> ARRAY[CAST('$SERVICE' AS text)])))
SELECT u.code_insee, u.nom, u.population,
       (SELECT ST_Distance(p.geog, u.geog) FROM place p WHERE p.geog IS NOT NULL AND p.services @> ARRAY[CAST('$SERVICE' AS text)]
        ORDER BY p.geog <-> u.geog LIMIT 1),
       count(*) OVER (), sum(u.population) OVER ()
FROM u ORDER BY u.population DESC, u.code_insee LIMIT 50 OFFSET 0;
SQL

# percentiles of pgbench per-transaction logs: latency = time + schedule lag (from the scheduled start)
pgbench_percentiles() {
  local label=$1
  cat "$WORK"/pgb."$label".* | awk '{ lat = $3 + ($7 == "" ? 0 : $7); print lat / 1000.0 }' | sort -n | awk -v label="$label" '
    { v[NR] = $1 } END {
      if (NR == 0) { print label " no transactions"; exit }
      i50 = int(NR * 0.50 + 0.999); i90 = int(NR * 0.90 + 0.999); i99 = int(NR * 0.99 + 0.999)
      printf "%s transactions=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", label, NR, v[i50], v[i90], v[i99], v[NR] }'
}

echo "== search: one sample answer"
curl -fsS "$(head -1 "$WORK/search.urls")" | jq -c '{total, first: (.items[0] | {name, distanceKm})}' || true
# The load generator shares the cores with the service and PostgreSQL: compiled once, small heap, serial GC,
# C1 only (it then spends little CPU in its own JIT). One JVM runs the warm-up and the measure, so that it is
# warm too when the measure starts.
mkdir -p "$WORK/load" && javac -d "$WORK/load" "$BENCH_DIR/DirectoryLoad.java"
LOAD=(java -XX:+UseSerialGC -Xmx128m -XX:TieredStopAtLevel=1 -cp "$WORK/load" DirectoryLoad)
# CPU used by the service process per measured request (utime+stime from /proc), when it runs on this machine
port=${DIRECTORY_URL##*:}; port=${port%%/*}
SERVICE_PID=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
# A cold JVM spends its first minutes in the JIT compiler: warm up gently, then at the measured rate (the
# code paths C2 compiles at 200 req/s are not all hot at 50), or the measure is of C2.
WARMUP_RATE=${WARMUP_RATE:-50} WARMUP_SECONDS=${WARMUP_SECONDS:-30}
echo "== place search over HTTP: radius ${RADIUS_KM} km + service, ${RATE} req/s for ${DURATION} s (after a warm-up of ${WARMUP_SECONDS} s at ${WARMUP_RATE} req/s, ${WARMUP_SECONDS} s at ${RATE} req/s, 5 s of rest)"
"${LOAD[@]}" "$WORK/search.urls" "$RATE" "$DURATION" search-http --warmup "$WARMUP_RATE" "$WARMUP_SECONDS" \
  --warmup "$RATE" "$WARMUP_SECONDS" --rest 5 ${SERVICE_PID:+--service-pid "$SERVICE_PID"} | tee "$WORK/search-http.all"
grep '^search-http ' "$WORK/search-http.all" >"$WORK/search-http.txt"
echo "   machine load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== the same search SQL on PostgreSQL (pgbench, ${RATE} tx/s for ${DURATION} s, 4 connections)"
(cd "$WORK" && pgbench -n -f search.sql -R "$RATE" -T "$DURATION" -c 4 -j 2 -l --log-prefix=pgb.search-sql >/dev/null 2>"$WORK/pgbench.err") \
  || { cat "$WORK/pgbench.err" >&2; die "pgbench failed"; }
pgbench_percentiles search-sql | tee "$WORK/search-sql.txt"
echo "== for information: the full statement the service sends (every column, commune name; prepared), ${RATE} tx/s for ${DURATION} s"
(cd "$WORK" && pgbench -n -M prepared -f search-full.sql -R "$RATE" -T "$DURATION" -c 4 -j 2 -l --log-prefix=pgb.search-full-sql >/dev/null 2>"$WORK/pgbench.err") \
  || { cat "$WORK/pgbench.err" >&2; die "pgbench failed"; }
pgbench_percentiles search-full-sql | tee "$WORK/search-full-sql.txt"
echo "== coverage of département $DEPARTEMENT over HTTP (${COVERAGE_RATE} req/s for ${COVERAGE_DURATION} s)"
curl -fsS "$(cat "$WORK/coverage.urls")" | jq -c '{communes, ruralCommunes, uncoveredCommunes, uncoveredShareOfPopulation}' || true
"${LOAD[@]}" "$WORK/coverage.urls" "$COVERAGE_RATE" "$COVERAGE_DURATION" coverage-http --warmup "$COVERAGE_RATE" 10 --rest 2 \
  | tee "$WORK/coverage-http.all"
grep '^coverage-http ' "$WORK/coverage-http.all" >"$WORK/coverage-http.txt"
echo "== the same coverage SQL on PostgreSQL (${COVERAGE_RATE} tx/s for ${COVERAGE_DURATION} s)"
(cd "$WORK" && pgbench -n -f coverage.sql -R "$COVERAGE_RATE" -T "$COVERAGE_DURATION" -c 1 -l --log-prefix=pgb.coverage-sql >/dev/null 2>"$WORK/pgbench.err") \
  || { cat "$WORK/pgbench.err" >&2; die "pgbench failed"; }
pgbench_percentiles coverage-sql | tee "$WORK/coverage-sql.txt"
echo "== query plan of the search (an index scan on place_geog is expected, never a sequential scan)"
psql -tA -c "EXPLAIN (COSTS OFF) SELECT p.id FROM place p
  WHERE ST_DWithin(p.geog, ST_SetSRID(ST_MakePoint(2.5, 49.9), 4326)::geography, $RADIUS_KM * 1000.0)
  AND p.services @> ARRAY[CAST('$SERVICE' AS text)]" | grep -E "Scan|Filter|Cond" | sed 's/^/   /'
http_p99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' "$WORK/search-http.txt")
sql_p99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' "$WORK/search-sql.txt")
echo "== search p99: HTTP ${http_p99} ms vs raw SQL ${sql_p99} ms (ratio $(echo "scale=2; $http_p99 / $sql_p99" | bc)); goal: p99 <= 25 ms at 200 req/s, <= 3x raw"
ms() { sed -E "s/.*$1_ms=([0-9.]+).*/\\1/" "$2"; }
echo "RESULT|directory place search over HTTP, ${RATE} req/s, ${PLACES} places|p50 $(ms p50 "$WORK/search-http.txt") ms, p99 ${http_p99} ms (raw SQL p99 ${sql_p99} ms, ratio $(echo "scale=2; $http_p99 / $sql_p99" | bc); full statement p99 $(ms p99 "$WORK/search-full-sql.txt") ms)|p99 <= 25 ms, <= 3x raw SQL"
echo "RESULT|directory coverage of departement $DEPARTEMENT over HTTP, ${COVERAGE_RATE} req/s|p50 $(ms p50 "$WORK/coverage-http.txt") ms, p99 $(ms p99 "$WORK/coverage-http.txt") ms (raw SQL p99 $(ms p99 "$WORK/coverage-sql.txt") ms)|-"
