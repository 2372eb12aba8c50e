#!/usr/bin/env bash
# Benchmark of offers-service search (issue 4): 100k published offers over 20k places spread over French
# communes, 8 sessions each (800k sessions, ~30 % full). Measures, in one run, on 127.0.0.1 only:
#   1. GET /api/v1/offers?near=<INSEE>&theme=<code>      p50/p99 at a fixed 200 req/s, open loop
#   2. GET /api/v1/offers/next-available?near=&theme=     p50/p99 at a fixed 200 req/s, open loop
#   3. the raw SQL of search 1 alone (pgbench, per-statement latency p50/p99)
# Goal from the issue: p99 <= 25 ms at 200 req/s.
#
# It starts its own offers-service (packaged jar, built if missing) on BENCH_PORT against BENCH_DB, a
# disposable database: default offers_test, which the module's tests wipe anyway. Its Kafka consumers use a
# throw-away group reading from the end, so the bench never steals events from a running stack.
# Bench rows are tagged with a fixed partner id and replaced on each run.
#
# Usage: deploy/bench/offers-search.sh            (needs PostgreSQL + Kafka running, wrk, psql, pgbench, jq)
# Env: BENCH_DB (offers_test) BENCH_PORT (18082) RATE (200) DURATION (30s) CONNECTIONS (32)
#      SERVICE_JAVA_OPTS (JVM options of the scratch service, default those of deploy/services.sh)
#      BENCH_JAVA_OPTS (extra JVM options of the scratch service, e.g. a JFR recording)
# Load: deploy/bench/DirectoryLoad.java, the open-loop generator of the directory benchmark: request i is due at
# start + i/RATE whatever the answers do, and its latency counts from that intended send time (a slow answer
# cannot hide the queueing it causes). Each endpoint is warmed up in the same JVM (10 s at 50 req/s, 10 s at RATE,
# 3 s of rest) before its measure. Until 2026-11-26 the measure used wrk with a fixed delay() per connection: its
# 32 connections drifted into bursts (up to 32 requests at once every 160 ms) and never reached RATE (~191 req/s);
# the one-client line below still uses wrk (latency without queueing). CONNECTIONS applies to that wrk warm-up only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Scratch services verify tokens with the development key of the run (deploy/infra/dev-keys.sh).
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-${MAILLAGE_RUN:-$ROOT/deploy/.run}/jwt/public.pem}
# ... under the local realm's issuer, which the tokens of deploy/maillage token carry (lib/common.sh).
export MP_JWT_VERIFY_ISSUER=${MP_JWT_VERIFY_ISSUER:-${MAILLAGE_ISSUER:-http://127.0.0.1:8180/realms/maillage}}
DB=${BENCH_DB:-offers_test}
PORT=${BENCH_PORT:-18082}
RATE=${RATE:-200}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
PGBENCH=${PGBENCH:-$(command -v pgbench || echo /usr/lib/postgresql/15/bin/pgbench)}
WORK=$(mktemp -d)
BENCH_PARTNER=0000bbbb-0000-4000-8000-000000000000
export PGPASSWORD=${PGPASSWORD:-offers}
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U offers -d "$DB")
JAR=$ROOT/offers-service/target/quarkus-app/quarkus-run.jar
# The JVM options deploy/services.sh gives the services (same variable, same default).
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC}
SERVICE_PID=

die() { echo "offers-search bench: $*" >&2; exit 1; }
cleanup() {
  [[ -n $SERVICE_PID ]] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# Missing Debian tools (wrk is not installed by default) come from the project's helper, as in deploy/maillage bench.
( source "$ROOT/deploy/lib/common.sh"; need_commands wrk:wrk psql:postgresql-client curl:curl jq:jq ) || die "could not install wrk, psql, curl or jq"
for tool in wrk psql curl jq; do command -v $tool >/dev/null || die "$tool is required"; done
[[ -x $PGBENCH ]] || die "pgbench is required"

if [[ ! -f $JAR ]]; then
  echo "== building offers-service"
  (cd "$ROOT" && ./mvnw -B -q -pl offers-service package -DskipTests) || die "build failed"
fi

echo "== machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/') (other processes share the CPU)"
echo "== starting offers-service on 127.0.0.1:$PORT (database $DB)"
GROUP=offers-bench-$$-$RANDOM
# Its management interface (health) on PORT+1000, bound to 127.0.0.1 like the API.
MGMT_PORT=${BENCH_MANAGEMENT_PORT:-$((PORT + 1000))}
(cd "$ROOT" && exec java $SERVICE_JAVA_OPTS ${BENCH_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
  -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$MGMT_PORT" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$DB" -Dquarkus.log.level=WARN \
  -Dmaillage.planning.rolling-cron=off \
  -Dmp.messaging.incoming.directory-places.group.id="$GROUP" -Dmp.messaging.incoming.directory-places.auto.offset.reset=latest \
  -Dmp.messaging.incoming.directory-partners.group.id="$GROUP" -Dmp.messaging.incoming.directory-partners.auto.offset.reset=latest \
  -Dmp.messaging.incoming.booking-slots.group.id="$GROUP" -Dmp.messaging.incoming.booking-slots.auto.offset.reset=latest \
  -jar "$JAR" >"$WORK/service.log" 2>&1) &
SERVICE_PID=$!
ready() { curl -sf "http://127.0.0.1:$MGMT_PORT/q/health/ready" || curl -sf "http://127.0.0.1:$PORT/q/health/ready"; }
for _ in $(seq 1 90); do
  ready >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log" >&2; die "offers-service exited"; }
  sleep 1
done
ready >/dev/null || { tail -50 "$WORK/service.log" >&2; die "offers-service not ready after 90 s"; }

echo "== generating 20k places, 100k offers, 800k sessions (SQL, replaces the previous bench rows)"
start=$(date +%s)
"${PSQL[@]}" <<SQL
BEGIN;
DELETE FROM offer WHERE partner_id = '$BENCH_PARTNER';
DELETE FROM place_ref WHERE partner_id = '$BENCH_PARTNER';
CREATE TEMP TABLE bench_commune AS
  SELECT row_number() OVER (ORDER BY insee_code) AS n, * FROM commune_ref WHERE latitude IS NOT NULL;
-- Places spread over communes (a pseudo-random but reproducible pick), jittered around the commune centre.
INSERT INTO place_ref (id, partner_id, name, postal_code, insee_code, commune, latitude, longitude, version)
SELECT gen_random_uuid(), '$BENCH_PARTNER', 'Lieu bench ' || g, split_part(c.postal_codes, '|', 1), c.insee_code, c.name,
       c.latitude + ((g * 37) % 100 - 50) * 0.0002, c.longitude + ((g * 53) % 100 - 50) * 0.0002, 1
FROM generate_series(1, 20000) g
JOIN bench_commune c ON c.n = 1 + (g::bigint * 7919) % (SELECT count(*) FROM bench_commune);
-- 5 offers per place; the first one also serves the place's commune explicitly.
INSERT INTO offer (id, partner_id, place_id, title, type, themes, modality, fee_kind, capacity, session_duration_minutes,
    status, allowed_bookers, min_delay_minutes, max_delay_days, cancel_until_minutes, reschedule_until_minutes,
    waiting_list, reminder_offsets_minutes, schedule, planned_until, version, served_communes)
SELECT gen_random_uuid(), '$BENCH_PARTNER', p.id, 'Offre bench ' || p.pn || '-' || k,
       (ARRAY['permanence_individuelle','atelier_collectif','formation','acces_libre','aide_ponctuelle'])[1 + (p.pn + k) % 5],
       ARRAY[t.codes[1 + (p.pn * 7 + k) % 19], t.codes[1 + (p.pn * 3 + k * 5) % 19]],
       'sur_place', 'gratuit', 1 + (k % 3) * 4, 60, 'published', ARRAY['citizen','agent','partner_app'], 120, 60, 240, 1440,
       true, ARRAY[2880,120], '{"rules":[],"exceptions":[],"oneOffs":[],"skipPublicHolidays":true}', now() + interval '1 year', 1,
       CASE WHEN k = 0 THEN ARRAY[p.insee_code] ELSE '{}'::text[] END
FROM (SELECT row_number() OVER (ORDER BY id) AS pn, id, insee_code FROM place_ref WHERE partner_id = '$BENCH_PARTNER') p
CROSS JOIN generate_series(0, 4) k
CROSS JOIN (SELECT ARRAY['aide_demarches','outils_quotidien','insertion_pro','usage_securise','parentalite','loisirs_creation',
    'usage_citoyen','acces_equipement','materiel_solidaire','impots','france_travail','sante','caf','ants','transports',
    'messagerie','smartphone','visio_famille','securite_arnaques'] AS codes) t;
INSERT INTO offer_place (offer_id, place_id) SELECT id, place_id FROM offer WHERE partner_id = '$BENCH_PARTNER';
-- 8 sessions per offer over the next 8 weeks; about 30 % of them full.
INSERT INTO session (id, offer_id, place_id, start_at, end_at, capacity, status, confirmed, fingerprint, version)
SELECT gen_random_uuid(), o.id, o.place_id, s.start_at, s.start_at + interval '1 hour', o.capacity, 'planned',
       CASE WHEN (hashtext(o.id::text) + w) % 10 < 3 THEN o.capacity ELSE 0 END, 'bench', 1
FROM offer o CROSS JOIN generate_series(0, 7) w
CROSS JOIN LATERAL (SELECT date_trunc('day', now()) + (w * 7 + abs(hashtext(o.id::text)) % 7 + 1) * interval '1 day'
                           + (9 + abs(hashtext(o.id::text)) % 8) * interval '1 hour' AS start_at) s
WHERE o.partner_id = '$BENCH_PARTNER';
COMMIT;
-- Vacuumed as a running database would be (autovacuum would otherwise start on these fresh rows mid-measurement).
VACUUM (ANALYZE) place_ref; VACUUM (ANALYZE) offer; VACUUM (ANALYZE) offer_place; VACUUM (ANALYZE) session;
SQL
echo "   generated in $(( $(date +%s) - start )) s: $("${PSQL[@]}" -tAc "SELECT (SELECT count(*) FROM place_ref WHERE partner_id = '$BENCH_PARTNER') || ' places, ' || (SELECT count(*) FROM offer WHERE partner_id = '$BENCH_PARTNER') || ' offers, ' || (SELECT count(*) FROM session) || ' sessions'")"

# Searched communes: 500 communes holding bench places (so results are not empty), and all 19 themes.
"${PSQL[@]}" -tAc "SELECT DISTINCT insee_code FROM place_ref WHERE partner_id = '$BENCH_PARTNER' ORDER BY 1 LIMIT 500" > "$WORK/communes.txt"
THEMES=(aide_demarches outils_quotidien insertion_pro usage_securise parentalite loisirs_creation usage_citoyen acces_equipement
  materiel_solidaire impots france_travail sante caf ants transports messagerie smartphone visio_famille securite_arnaques)
paths() { # <path prefix> -> one request path per line
  local i=0
  while read -r insee; do
    echo "$1?near=$insee&theme=${THEMES[$((i % 19))]}"
    i=$((i + 1))
  done < "$WORK/communes.txt"
}
paths /api/v1/offers > "$WORK/search.paths"
paths /api/v1/offers/next-available > "$WORK/next.paths"
curl -sf -o "$WORK/sample.json" "http://127.0.0.1:$PORT$(head -1 "$WORK/search.paths")" || die "sample search failed"
echo "   sample: $(head -c 200 "$WORK/sample.json")..."

cat > "$WORK/paced.lua" <<LUA
-- Each connection waits between requests so that all connections together send ~RATE requests/s.
local paths = {}
local counter = 0
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  counter = math.random(#paths)
end
request = function()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end
delay = function()
  return $(( CONNECTIONS * 1000 / RATE ))
end
LUA

run() { # <label> <paths file> [connections]
  local c=${3:-$CONNECTIONS}
  sed -i "s/^  return [0-9]*$/  return $(( c * 1000 / RATE ))/" "$WORK/paced.lua"
  echo "== $1: $RATE req/s for $DURATION, $c connections"
  wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"$DURATION" --latency -s "$WORK/paced.lua" "http://127.0.0.1:$PORT" -- "$2" > "$WORK/wrk.out"
  grep -E "Requests/sec|Non-2xx|Socket errors|^ +(50|75|90|99)%" "$WORK/wrk.out" | sed 's/^/   /'
  local pct50 pct99 rps errors
  pct50=$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.out"); pct99=$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.out")
  rps=$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.out")
  errors=$(awk '/Non-2xx/ { print $NF }' "$WORK/wrk.out"); errors=${errors:-0}
  echo "RESULT|offers $1, $RATE req/s target|p50 $pct50, p99 $pct99 (achieved $rps req/s, $c connections, non-2xx $errors)|${GOAL:-p99 <= 25 ms}"
}
# Warm-up at the measured rate and connections, both endpoints (the JIT compiles the hot paths before the measure,
# as in a service that has been running; at 4 connections the warm-up sent only 25 req/s).
echo "== warm-up (10 s per endpoint, $RATE req/s, $CONNECTIONS connections)"
wrk -t2 -c"$CONNECTIONS" -d10s -s "$WORK/paced.lua" "http://127.0.0.1:$PORT" -- "$WORK/search.paths" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d10s -s "$WORK/paced.lua" "http://127.0.0.1:$PORT" -- "$WORK/next.paths" >/dev/null
# The measures at RATE: open loop, fixed rate (see the header).
mkdir -p "$WORK/load" && javac -d "$WORK/load" "$ROOT/deploy/bench/DirectoryLoad.java"
SERVICE_PID=$(ss -ltnpH "sport = :$PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
open_loop() { # <label> <paths file>
  sed "s|^|http://127.0.0.1:$PORT|" "$2" > "$2.urls"
  echo "== $1: $RATE req/s for ${DURATION%s} s, open loop (after 10 s at 50 req/s, 10 s at $RATE req/s, 3 s of rest)"
  java -XX:+UseSerialGC -Xmx128m -XX:TieredStopAtLevel=1 -cp "$WORK/load" DirectoryLoad "$2.urls" "$RATE" "${DURATION%s}" measured \
    --warmup 50 10 --warmup "$RATE" 10 --rest 3 ${SERVICE_PID:+--service-pid "$SERVICE_PID"} | tee "$WORK/open-loop.out" | sed 's/^/   /'
  local line; line=$(grep '^measured ' "$WORK/open-loop.out")
  f() { echo "$line" | sed -E "s/.*$1=([0-9.]+).*/\\1/"; }
  echo "RESULT|offers $1, $RATE req/s open loop|p50 $(f p50_ms) ms, p99 $(f p99_ms) ms (achieved $(f achieved_rps) req/s, errors $(f errors))|p99 <= 25 ms"
}
open_loop "search near commune + theme" "$WORK/search.paths"
RATE_SAVED=$RATE; RATE=20
GOAL=- run "search near commune + theme, one client (latency without queueing)" "$WORK/search.paths" 1
RATE=$RATE_SAVED
open_loop "next-available near commune + theme" "$WORK/next.paths"

echo "== raw SQL of the search (pgbench, prepared statements like pgjdbc, generic plan like the service, 2 clients, 20 s)"
# The same statement as SearchService.search sends for near=<INSEE>&theme=<code> (default radius 20 km, 90 days, page 0
# of 20), run with the service's plan mode (SET LOCAL plan_cache_mode = force_generic_plan there, PGOPTIONS here). Its
# parameters come from bench_search_commune (one row per searched commune: its centre, and the theme with its topics,
# as the service expands it: GET /themes gives each topic's parent).
curl -sf "http://127.0.0.1:$PORT/api/v1/offers/themes" > "$WORK/themes.json" || die "GET /themes failed"
jq -r '. as $all | .[] | .code as $c | "\($c)\t{\(([$c] + [$all[] | select(.parent == $c) | .code]) | join(","))}"' \
  "$WORK/themes.json" > "$WORK/themes.tsv"
"${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_search_commune; CREATE TABLE bench_search_commune (n int PRIMARY KEY, insee text, theme text, themes text[], latitude float8, longitude float8);"
awk -v OFS='\t' -v themes="${THEMES[*]}" 'NR == FNR { expanded[$1] = $2; next }
  { split(themes, t, " "); theme = t[(FNR - 1) % 19 + 1]; print FNR, $1, theme, expanded[theme] }' \
  "$WORK/themes.tsv" "$WORK/communes.txt" | "${PSQL[@]}" -c "\\copy bench_search_commune (n, insee, theme, themes) FROM STDIN"
"${PSQL[@]}" -c "UPDATE bench_search_commune b SET latitude = c.latitude, longitude = c.longitude FROM commune_ref c WHERE c.insee_code = b.insee; ANALYZE bench_search_commune;"
N=$(wc -l < "$WORK/communes.txt")
cat > "$WORK/search.sql" <<SQL
\\set n random(1, $N)
WITH q AS (SELECT b.insee, b.latitude, b.longitude, b.themes FROM bench_search_commune b WHERE b.n = :n),
origin AS (SELECT ST_SetSRID(ST_MakePoint(q.longitude, q.latitude), 4326)::geography AS g FROM q),
cand AS (SELECT op.offer_id FROM place_ref p JOIN offer_place op ON op.place_id = p.id, origin
  WHERE NOT p.deleted AND ST_DWithin(p.geog, origin.g, 20000)
  UNION SELECT o.id FROM offer o, q WHERE o.served_communes @> ARRAY[q.insee]::text[]
  UNION SELECT op.offer_id FROM place_ref p JOIN offer_place op ON op.place_id = p.id, q
  WHERE NOT p.deleted AND p.served_communes @> ARRAY[q.insee]::text[])
SELECT o.id, o.title, o.type, o.themes, o.status, pl.id AS place_id, pl.name, pl.commune, pl.insee_code, pl.postal_code,
  d.distance_m, (o.served_communes @> ARRAY[q.insee]::text[] OR coalesce(d.serves, false)) AS serves,
  ns.id AS session_id, ns.start_at, ns.end_at, ns.remaining, count(*) OVER () AS total
FROM (SELECT DISTINCT offer_id FROM cand) c JOIN offer o ON o.id = c.offer_id CROSS JOIN origin CROSS JOIN q
JOIN place_ref pl ON pl.id = o.place_id
CROSS JOIN LATERAL (SELECT min(ST_Distance(p.geog, origin.g)) FILTER (WHERE NOT p.deleted) AS distance_m,
    bool_or(p.served_communes @> ARRAY[q.insee]::text[] OR p.insee_code = q.insee) AS serves
  FROM offer_place op JOIN place_ref p ON p.id = op.place_id WHERE op.offer_id = o.id) d
LEFT JOIN LATERAL (SELECT s.id, s.start_at, s.end_at, s.remaining FROM session s
  WHERE s.offer_id = o.id AND s.status = 'planned' AND s.start_at >= now() AND s.start_at < now() + interval '90 days'
  ORDER BY s.start_at LIMIT 1) ns ON true
WHERE true
AND o.status = 'published'
AND o.themes && q.themes
ORDER BY distance_m NULLS LAST, ns.start_at NULLS LAST, o.id LIMIT 20 OFFSET 0;
SQL
(cd "$WORK" && PGOPTIONS="-c plan_cache_mode=force_generic_plan" "$PGBENCH" -n -M prepared -h 127.0.0.1 -U offers -c 2 -j 2 -T 20 -l -f search.sql "$DB" > pgbench.out 2>&1) || { cat "$WORK/pgbench.out" >&2; die "pgbench failed"; }
grep -E "latency average|tps" "$WORK/pgbench.out" | sed 's/^/   /'
cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n > "$WORK/lat.txt"
COUNT=$(wc -l < "$WORK/lat.txt")
p() { awk -v q="$1" -v n="$COUNT" 'NR == int(n * q) + (int(n * q) < n * q ? 1 : 0) { printf "%.2f ms", $1 / 1000; exit }' "$WORK/lat.txt"; }
echo "   raw SQL over $COUNT statements: p50 $(p 0.50)  p99 $(p 0.99)"
echo "RESULT|offers search raw SQL (pgbench, 2 clients)|p50 $(p 0.50), p99 $(p 0.99) ($COUNT statements)|-"
"${PSQL[@]}" -c "DROP TABLE bench_search_commune"
echo "== machine after the run: $(uptime | sed 's/.*load average/load average/')"
echo "== done (bench rows left in $DB; they are replaced on the next run and wiped by the module's tests)"
