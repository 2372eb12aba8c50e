#!/usr/bin/env bash
# Benchmark of the territory endpoints of offers-service (issue 20), with all of France's communes (commune_ref, loaded
# by offers-service at start from shared/data/communes.csv), a supply across France and 1,000,000 bookings in the
# indicators' read model. Measures, on 127.0.0.1 only, with an admin token:
#   1. GET /api/v1/territory/coverage?departement=62&size=1000  (Pas-de-Calais, 887 communes in one page, as web's
#      map asks it; default radius 10 km, 14 days)                                          goal p99 <= 200 ms
#   2. GET /api/v1/territory/indicators?departement=62&from=&to= (one year ending yesterday)     goal p99 <= 300 ms
# each with one client (a coordinator's request, no queueing) and with two clients at once, plus the coverage for a
# need (theme=aide_demarches) and the indicators for an EPCI.
#
# THE DATA IS WRITTEN BY BULK SQL, NOT THROUGH THE API NOR EVENTS (generate_series, replaced on each run):
#   - supply: 12,000 places (half spread by population, half uniformly over communes; services on 6/7, opening hours on
#     60 %, 15 % serving the communes of their EPCI), 20,000 offers (5 types, 1-2 themes, 10 % naming communes they
#     serve, 90 % published), one session a fortnight over the past two years and one a week over the next 8 weeks
#     (~1.2 million sessions; about a quarter of the future ones full, some closed);
#   - read model (offers' V5__territory.sql, normally fed by booking.bookings.v1 / booking.referrals.v1):
#     BOOKINGS (1,000,000) territory_booking rows on those sessions, asked 1-20 days before the slot, so over two
#     years (a one-year query reads about half): 70 % with a residence commune in the place's département; 4 %
#     refused because full, 5 % expired unverified, 10 % waitlisted (half promoted), 12 % cancelled, attendance
#     (85 % attended, 12 % no-show) on past slots; and BOOKINGS / 10
#     territory_referral rows.
#
# It starts its own offers-service (packaged jar, built if missing) on BENCH_PORT against BENCH_DB, a disposable
# database (default offers_scratch, the scratch twin the tests recreate anyway; not offers_test, where offers-search.sh
# leaves its 100k offers in the same suite run), its Kafka consumers in a throw-away group
# reading from the end (the bench never steals events from a running stack).
#
# Usage: deploy/bench/territory.sh      (needs PostgreSQL + Kafka running, wrk, psql, jq, the run's dev keys)
# Env: BENCH_DB (offers_scratch) BENCH_PORT (18092) DURATION (30s) DEPARTEMENT (62) EPCI (246200364, CA de Lens-Liévin)
#      BOOKINGS (1000000) SKIP_LOAD=1 (reuse the rows of the previous run) SERVICE_JAVA_OPTS BENCH_JAVA_OPTS
#      BENCH_TOKEN (an admin token; default minted by deploy/maillage token --role admin)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Scratch services verify tokens with the development key of the run (deploy/infra/dev-keys.sh) ...
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-${MAILLAGE_RUN:-$ROOT/deploy/.run}/jwt/public.pem}
# ... under the local realm's issuer, which the tokens of deploy/maillage token carry (lib/common.sh).
export MP_JWT_VERIFY_ISSUER=${MP_JWT_VERIFY_ISSUER:-${MAILLAGE_ISSUER:-http://127.0.0.1:8180/realms/maillage}}
DB=${BENCH_DB:-offers_scratch}
PORT=${BENCH_PORT:-18092}
DURATION=${DURATION:-30s}
DEP=${DEPARTEMENT:-62}
EPCI=${EPCI:-246200364}
BOOKINGS=${BOOKINGS:-1000000}
WORK=$(mktemp -d)
BENCH_PARTNER=0000bbbb-0000-4000-8000-000000000020
export PGPASSWORD=${PGPASSWORD:-offers}
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U offers -d "$DB")
JAR=$ROOT/offers-service/target/quarkus-app/quarkus-run.jar
# The JVM options deploy/services.sh gives the services (same variable, same default).
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC}
SERVICE_PID=

die() { echo "territory bench: $*" >&2; exit 1; }
cleanup() {
  [[ -n $SERVICE_PID ]] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
( source "$ROOT/deploy/lib/common.sh"; need_commands wrk:wrk psql:postgresql-client curl:curl jq:jq ) || die "could not install wrk, psql, curl or jq"
for tool in wrk psql curl jq; do command -v $tool >/dev/null || die "$tool is required"; done

if [[ ! -f $JAR ]]; then
  echo "== building offers-service"
  (cd "$ROOT" && ./mvnw -B -q -pl offers-service package -DskipTests) || die "build failed"
fi
TOKEN=${BENCH_TOKEN:-$("$ROOT/deploy/maillage" token --role admin --sub territory-bench --ttl PT2H)}
[[ -n $TOKEN ]] || die "no admin token"

echo "== machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/') (other processes share the CPU)"
echo "== starting offers-service on 127.0.0.1:$PORT (database $DB)"
GROUP=offers-bench-$$-$RANDOM
MGMT_PORT=${BENCH_MANAGEMENT_PORT:-$((PORT + 1000))}
consumers=()
for channel in directory-places directory-partners booking-slots booking-bookings booking-referrals; do
  consumers+=("-Dmp.messaging.incoming.$channel.group.id=$GROUP" "-Dmp.messaging.incoming.$channel.auto.offset.reset=latest")
done
(cd "$ROOT" && exec java $SERVICE_JAVA_OPTS ${BENCH_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
  -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$MGMT_PORT" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$DB" -Dquarkus.log.level=WARN \
  -Dmaillage.planning.rolling-cron=off -Dmaillage.rate-limit.authenticated-per-second=1000000 \
  -Dmaillage.rate-limit.authenticated-burst=1000000 "${consumers[@]}" \
  -jar "$JAR" >"$WORK/service.log" 2>&1) &
SERVICE_PID=$!
ready() { curl -sf "http://127.0.0.1:$MGMT_PORT/q/health/ready" || curl -sf "http://127.0.0.1:$PORT/q/health/ready"; }
for _ in $(seq 1 120); do
  ready >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log" >&2; die "offers-service exited"; }
  sleep 1
done
ready >/dev/null || { tail -50 "$WORK/service.log" >&2; die "offers-service not ready after 120 s"; }
COMMUNES=$("${PSQL[@]}" -tAc "SELECT count(*) FROM commune_ref")
echo "   commune_ref: $COMMUNES communes"
# The service loads them at start from maillage.communes.file (COMMUNES_FILE, default ../shared/data/communes.csv
# from the repository's root: set COMMUNES_FILE when running from another checkout).
[[ $COMMUNES -gt 30000 ]] || die "commune_ref holds $COMMUNES communes: the service did not load communes.csv (COMMUNES_FILE?)"

if [[ ${SKIP_LOAD:-} != 1 ]]; then
echo "== generating the supply (12k places, 20k offers, ~1.2M sessions) and $BOOKINGS read-model bookings (bulk SQL)"
start=$(date +%s)
"${PSQL[@]}" <<SQL
BEGIN;
DELETE FROM territory_referral WHERE target_offer_id IN (SELECT id FROM offer WHERE partner_id = '$BENCH_PARTNER');
DELETE FROM territory_booking WHERE partner_id = '$BENCH_PARTNER';
DELETE FROM offer WHERE partner_id = '$BENCH_PARTNER';
DELETE FROM place_ref WHERE partner_id = '$BENCH_PARTNER';
-- Communes with a centre, numbered uniformly (u), by cumulative population (cum_hi), and within their département (k).
CREATE TEMP TABLE bc AS
  SELECT row_number() OVER (ORDER BY insee_code) AS u,
         sum(greatest(coalesce(population, 0), 1)) OVER (ORDER BY insee_code) AS cum_hi,
         row_number() OVER (PARTITION BY department_code ORDER BY insee_code) AS k,
         count(*) OVER (PARTITION BY department_code) AS dep_n, *
  FROM commune_ref WHERE latitude IS NOT NULL;
CREATE INDEX ON bc (u); CREATE INDEX ON bc (cum_hi); CREATE INDEX ON bc (insee_code); CREATE INDEX ON bc (epci_code); CREATE INDEX ON bc (department_code, k); ANALYZE bc;
-- Places: odd g by population, even g uniformly over communes; jittered around the commune centre.
CREATE TEMP TABLE bg AS
  SELECT g, c.insee_code FROM generate_series(1, 12000, 2) g
  CROSS JOIN LATERAL (SELECT insee_code FROM bc WHERE bc.cum_hi >= 1 + (g::bigint * 2654435761) % (SELECT max(cum_hi) FROM bc)
    ORDER BY bc.cum_hi LIMIT 1) c
  UNION ALL
  SELECT g, bc.insee_code FROM generate_series(2, 12000, 2) g JOIN bc ON bc.u = 1 + (g::bigint * 7919) % (SELECT count(*) FROM bc);
INSERT INTO place_ref (id, partner_id, name, postal_code, insee_code, commune, latitude, longitude, opening_hours,
    services, served_communes, version)
SELECT gen_random_uuid(), '$BENCH_PARTNER', 'Lieu bench ' || g, split_part(c.postal_codes, '|', 1), c.insee_code, c.name,
       c.latitude + ((g * 37) % 100 - 50) * 0.0002, c.longitude + ((g * 53) % 100 - 50) * 0.0002,
       -- opening hours: none on 40 % of the places; otherwise ~280 distinct values (the service parses each value once)
       CASE WHEN g % 10 < 4 THEN NULL
            ELSE (ARRAY['Mo-Fr', 'Tu,Th', 'Mo,We,Fr', 'Sa', 'We', 'Mo-Sa'])[1 + bg.h % 6]
                 || format(' %s:%s-12:00', lpad((8 + bg.h / 6 % 3)::text, 2, '0'), (ARRAY['00', '30'])[1 + bg.h / 18 % 2])
                 || CASE WHEN bg.h / 36 % 4 = 0 THEN '' ELSE format(',14:00-%s:00', 15 + bg.h / 36 % 4) END
                 || CASE WHEN bg.h / 144 % 2 = 0 THEN '; PH off' ELSE '' END END,
       CASE WHEN g % 7 = 0 THEN '{}'::text[] ELSE (ARRAY['Aide aux démarches administratives',
            'Maîtrise des outils numériques du quotidien', 'Insertion professionnelle via le numérique',
            'Utilisation sécurisée du numérique', 'Parentalité et éducation avec le numérique',
            'Loisirs et créations numériques', 'Compréhension du monde numérique',
            'Accès internet et matériel informatique', 'Acquisition de matériel informatique à prix solidaire'])[1 + g % 9 : 2 + g % 9 + g % 3]
            END,
       CASE WHEN g % 20 < 3 THEN coalesce((SELECT array_agg(n.insee_code) FROM (SELECT insee_code FROM bc
            WHERE bc.epci_code = c.epci_code AND bc.insee_code <> c.insee_code ORDER BY bc.insee_code LIMIT 6) n), '{}') ELSE '{}' END,
       1
FROM (SELECT g, insee_code, abs(hashtext('h' || g)) AS h FROM bg) bg JOIN bc c ON c.insee_code = bg.insee_code;
CREATE TEMP TABLE bp AS SELECT row_number() OVER (ORDER BY id) AS pn, id, insee_code, epci FROM
  (SELECT p.id, p.insee_code, c.epci_code AS epci FROM place_ref p JOIN commune_ref c ON c.insee_code = p.insee_code
   WHERE p.partner_id = '$BENCH_PARTNER') x;
INSERT INTO offer (id, partner_id, place_id, title, type, themes, modality, fee_kind, capacity, session_duration_minutes,
    status, allowed_bookers, min_delay_minutes, max_delay_days, cancel_until_minutes, reschedule_until_minutes,
    waiting_list, reminder_offsets_minutes, schedule, planned_until, version, served_communes)
SELECT gen_random_uuid(), '$BENCH_PARTNER', p.id, 'Offre bench ' || p.pn || '-' || k,
       (ARRAY['permanence_individuelle','atelier_collectif','formation','acces_libre','aide_ponctuelle'])[1 + (p.pn + k) % 5],
       CASE WHEN (p.pn + k) % 3 = 0 THEN ARRAY[t.codes[1 + (p.pn * 7 + k) % 19]]
            ELSE ARRAY[t.codes[1 + (p.pn * 7 + k) % 19], t.codes[1 + (p.pn * 3 + k * 5) % 19]] END,
       'sur_place', 'gratuit', 1 + (p.pn + k) % 12, 60,
       CASE (p.pn + k) % 20 WHEN 0 THEN 'draft' WHEN 1 THEN 'suspended' ELSE 'published' END,
       ARRAY['citizen','agent','partner_app'], 120, 60, 240, 1440, (p.pn + k) % 2 = 0, ARRAY[2880,120],
       '{"rules":[],"exceptions":[],"oneOffs":[],"skipPublicHolidays":true}', now() + interval '1 year', 1,
       CASE WHEN (p.pn * 3 + k) % 10 = 0 THEN coalesce((SELECT array_agg(n.insee_code) FROM (SELECT insee_code FROM bc
            WHERE bc.epci_code = p.epci ORDER BY hashtext(bc.insee_code || p.pn) LIMIT 5) n), '{}') ELSE '{}' END
FROM bp p
CROSS JOIN generate_series(0, 1) k
CROSS JOIN (SELECT ARRAY['aide_demarches','outils_quotidien','insertion_pro','usage_securise','parentalite','loisirs_creation',
    'usage_citoyen','acces_equipement','materiel_solidaire','impots','france_travail','sante','caf','ants','transports',
    'messagerie','smartphone','visio_famille','securite_arnaques'] AS codes) t
WHERE k = 0 OR p.pn % 3 <> 0;
INSERT INTO offer_place (offer_id, place_id) SELECT id, place_id FROM offer WHERE partner_id = '$BENCH_PARTNER';
-- One session a fortnight over the past two years, one a week over the next 8 weeks.
INSERT INTO session (id, offer_id, place_id, start_at, end_at, capacity, status, confirmed, waitlisted, closed_reason,
    fingerprint, version)
SELECT gen_random_uuid(), o.id, o.place_id, s.start_at, s.start_at + interval '1 hour', o.capacity,
       CASE WHEN h % 40 = 0 THEN 'cancelled' ELSE 'planned' END,
       CASE WHEN s.start_at < now() THEN (h % (o.capacity + 1))
            WHEN h % 4 = 0 THEN o.capacity ELSE (h % (o.capacity + 1)) / 2 END,
       CASE WHEN h % 4 = 0 AND s.start_at >= now() THEN h % 3 ELSE 0 END,
       CASE WHEN h % 50 = 1 THEN 'absence' END, 'bench', 1
FROM offer o
CROSS JOIN LATERAL (SELECT w, abs(hashtext(o.id::text || w)) AS h FROM generate_series(-52, 7) w) ws
CROSS JOIN LATERAL (SELECT date_trunc('day', now()) + (CASE WHEN ws.w < 0 THEN ws.w * 14 ELSE ws.w * 7 END
                           + abs(hashtext(o.id::text)) % 7 + 1) * interval '1 day'
                           + (9 + abs(hashtext(o.id::text)) % 8) * interval '1 hour' AS start_at) s
WHERE o.partner_id = '$BENCH_PARTNER';
CREATE TEMP TABLE bs AS
  SELECT row_number() OVER (ORDER BY s.id) AS sn, s.id, s.offer_id, s.place_id, s.start_at, o.themes[1] AS theme,
         p.insee_code AS place_insee, c.department_code AS dep, c.dep_n
  FROM session s JOIN offer o ON o.id = s.offer_id JOIN place_ref p ON p.id = s.place_id
  JOIN bc c ON c.insee_code = p.insee_code
  WHERE o.partner_id = '$BENCH_PARTNER' AND s.start_at < now() + interval '8 weeks';
CREATE INDEX ON bs (sn); ANALYZE bs;
-- The read model: one row per booking (or refusal because full), as TerritoryEventsConsumer writes them.
INSERT INTO territory_booking (id, refused, slot_id, offer_id, place_id, partner_id, theme, residence_insee, place_insee,
    status, slot_start, start_day, demand_day, confirmed_at, confirmed_day, waitlisted_at, cancelled_at, cancelled_day,
    attendance, version)
SELECT gen_random_uuid(), x.kind = 'refused', s.id, s.offer_id, s.place_id, '$BENCH_PARTNER', s.theme,
       r.insee_code, s.place_insee,
       CASE WHEN x.kind = 'refused' THEN 'refused' WHEN x.kind = 'left' THEN 'waitlisted' WHEN x.kind = 'expired' THEN 'expired'
            WHEN x.kind IN ('cancelled', 'waitlist_cancelled') THEN
                 CASE WHEN x.h % 5 = 0 THEN 'cancelled_by_service' ELSE 'cancelled_by_citizen' END
            ELSE coalesce(x.attendance, 'confirmed') END,
       s.start_at, (s.start_at AT TIME ZONE 'Europe/Paris')::date,
       CASE WHEN x.kind <> 'expired' THEN (x.asked AT TIME ZONE 'Europe/Paris')::date END,
       x.confirmed_at, (x.confirmed_at AT TIME ZONE 'Europe/Paris')::date, x.waitlisted_at,
       x.cancelled_at, (x.cancelled_at AT TIME ZONE 'Europe/Paris')::date,
       x.attendance, 3
FROM generate_series(1, $BOOKINGS) g
JOIN bs s ON s.sn = 1 + (g::bigint * 2654435761) % (SELECT count(*) FROM bs)
CROSS JOIN LATERAL (SELECT abs(hashtext('b' || g)) AS h) hh
CROSS JOIN LATERAL (SELECT hh.h, k.kind, s.start_at - (1 + hh.h % 20) * interval '1 day' AS asked,
       CASE WHEN k.kind IN ('confirmed', 'cancelled') THEN s.start_at - (1 + hh.h % 20) * interval '1 day'
            WHEN k.kind = 'promoted' THEN s.start_at - interval '12 hours' END AS confirmed_at,
       CASE WHEN k.kind IN ('promoted', 'left', 'waitlist_cancelled') THEN s.start_at - (1 + hh.h % 20) * interval '1 day' END
         AS waitlisted_at,
       CASE WHEN k.kind IN ('cancelled', 'waitlist_cancelled') THEN s.start_at - interval '6 hours' END AS cancelled_at,
       CASE WHEN s.start_at < now() AND k.kind IN ('confirmed', 'promoted')
            THEN CASE WHEN (hh.h / 100) % 100 < 85 THEN 'attended' WHEN (hh.h / 100) % 100 < 97 THEN 'no_show' END END
         AS attendance
    FROM (SELECT CASE WHEN hh.h % 100 < 4 THEN 'refused' WHEN hh.h % 100 < 9 THEN 'expired'
                      WHEN hh.h % 100 < 14 THEN 'promoted' WHEN hh.h % 100 < 17 THEN 'left'
                      WHEN hh.h % 100 < 19 THEN 'waitlist_cancelled' WHEN hh.h % 100 < 29 THEN 'cancelled'
                      ELSE 'confirmed' END AS kind) k) x
LEFT JOIN bc r ON hh.h % 10 < 7 AND r.department_code = s.dep
  AND r.k = 1 + (hh.h / 10) % s.dep_n;
INSERT INTO territory_referral (id, need, residence_insee, target_offer_id, target_insee, created_day, outcome, version)
SELECT gen_random_uuid(), s.theme, CASE WHEN hh.h % 10 < 6 THEN s.place_insee END, s.offer_id, s.place_insee,
       ((s.start_at - (1 + hh.h % 30) * interval '1 day') AT TIME ZONE 'Europe/Paris')::date,
       (ARRAY['sent','received','attended','no_show','redirected','no_longer_needed'])[1 + hh.h % 6], 1
FROM generate_series(1, $BOOKINGS / 10) g
JOIN bs s ON s.sn = 1 + (g::bigint * 40503) % (SELECT count(*) FROM bs)
CROSS JOIN LATERAL (SELECT abs(hashtext('r' || g)) AS h) hh;
COMMIT;
-- Vacuumed as a running database would be (autovacuum would otherwise start on these fresh rows mid-measurement).
VACUUM (ANALYZE) place_ref; VACUUM (ANALYZE) offer; VACUUM (ANALYZE) offer_place; VACUUM (ANALYZE) session;
VACUUM (ANALYZE) territory_booking; VACUUM (ANALYZE) territory_referral;
SQL
echo "   generated in $(( $(date +%s) - start )) s"
fi
"${PSQL[@]}" -tA -F' ' <<SQL | sed 's/^/   /'
SELECT 'places', count(*) FROM place_ref WHERE partner_id = '$BENCH_PARTNER'
UNION ALL SELECT 'offers', count(*) FROM offer WHERE partner_id = '$BENCH_PARTNER'
UNION ALL SELECT 'sessions', count(*) FROM session
UNION ALL SELECT 'territory_booking rows', count(*) FROM territory_booking
UNION ALL SELECT 'territory_referral rows', count(*) FROM territory_referral
UNION ALL SELECT 'communes of département $DEP', count(*) FROM commune_ref WHERE department_code = '$DEP'
UNION ALL SELECT 'places in département $DEP', count(*) FROM place_ref p JOIN commune_ref c ON c.insee_code = p.insee_code
  WHERE c.department_code = '$DEP'
UNION ALL SELECT 'read-model rows of département $DEP', count(*) FROM territory_booking t JOIN commune_ref c
  ON c.insee_code = t.commune_code WHERE c.department_code = '$DEP';
SQL

# The period: one year ending yesterday (Paris), as a coordinator preparing the conseil communautaire asks it.
TO=$(TZ=Europe/Paris date -d yesterday +%F); FROM=$(TZ=Europe/Paris date -d "$TO - 1 year + 1 day" +%F)
COVERAGE="/api/v1/territory/coverage?departement=$DEP&size=1000"
COVERAGE_THEME="/api/v1/territory/coverage?departement=$DEP&theme=aide_demarches&size=1000"
INDICATORS="/api/v1/territory/indicators?departement=$DEP&from=$FROM&to=$TO"
INDICATORS_EPCI="/api/v1/territory/indicators?epci=$EPCI&from=$FROM&to=$TO"
for path in "$COVERAGE" "$INDICATORS"; do
  code=$(curl -s -o "$WORK/sample.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$path")
  [[ $code == 200 ]] || { head -c 600 "$WORK/sample.json" >&2; echo >&2; die "GET $path answered $code"; }
  echo "   sample $path: $(jq -c 'if .coveredCommunes != null then {communes, population, coveredCommunes, coveredPopulation, total}
    else {totals: .totals, communes: (.communes | length), offers: (.offers | length), places: (.places | length)} end' "$WORK/sample.json" | cut -c1-400)"
done

cat > "$WORK/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
# CPU time (clock ticks) of the scratch service and of the PostgreSQL backends serving its database: on a shared
# machine the latencies include the wait for a core, the CPU per request does not (what one request costs by itself).
cpu_ticks() { # -> "<service ticks> <database ticks>"
  local pids pid db=0
  pids=$("${PSQL[@]}" -tAc "SELECT string_agg(pid::text, ' ') FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()")
  for pid in $pids; do
    [[ -r /proc/$pid/stat ]] && db=$(( db + $(awk '{ print $14 + $15 }' "/proc/$pid/stat") ))
  done
  echo "$(awk '{ print $14 + $15 }' "/proc/$SERVICE_PID/stat") $db"
}
measure() { # <label> <path> <connections> <goal>
  echo "== $1: $3 client(s), $DURATION ($(uptime | sed 's/.*load average/load average/'))"
  local before after; before=$(cpu_ticks)
  wrk -t"$3" -c"$3" -d"$DURATION" --timeout 10s --latency -s "$WORK/auth.lua" "http://127.0.0.1:$PORT$2" > "$WORK/wrk.out"
  after=$(cpu_ticks)
  grep -E "Requests/sec|Non-2xx|Socket errors|^ +(50|90|99)%|requests in" "$WORK/wrk.out" | sed 's/^/   /'
  local pct50 pct99 rps requests errors cpu
  pct50=$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.out"); pct99=$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.out")
  rps=$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.out"); requests=$(awk '/requests in/ { print $1 }' "$WORK/wrk.out")
  errors=$(awk '/Non-2xx/ { print $NF }' "$WORK/wrk.out"); errors=${errors:-0}
  cpu=$(awk -v b="$before" -v a="$after" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { split(b, x, " "); split(a, y, " ");
    s = n > 0 ? (y[1] - x[1]) * 1000 / hz / n : 0; d = n > 0 ? (y[2] - x[2]) * 1000 / hz / n : 0
    printf "%.0f (service %.0f + database %.0f)", s + d, s, d }')
  echo "   CPU per request: $cpu ms"
  echo "RESULT|$1, $3 client(s)|p50 $pct50, p99 $pct99 ($requests requests, $rps req/s, non-2xx $errors, CPU $cpu ms per request)|$4"
}
echo "== warm-up (15 s per endpoint, 1 client)"
for path in "$COVERAGE" "$COVERAGE_THEME" "$INDICATORS" "$INDICATORS_EPCI"; do
  wrk -t1 -c1 -d15s --timeout 10s -s "$WORK/auth.lua" "http://127.0.0.1:$PORT$path" > /dev/null
done
measure "territory coverage, département $DEP" "$COVERAGE" 1 "p99 <= 200 ms"
measure "territory coverage, département $DEP" "$COVERAGE" 2 "p99 <= 200 ms"
measure "territory coverage, département $DEP, theme aide_demarches" "$COVERAGE_THEME" 1 "p99 <= 200 ms"
measure "territory indicators, département $DEP, one year" "$INDICATORS" 1 "p99 <= 300 ms"
measure "territory indicators, département $DEP, one year" "$INDICATORS" 2 "p99 <= 300 ms"
measure "territory indicators, EPCI $EPCI, one year" "$INDICATORS_EPCI" 1 "p99 <= 300 ms"
echo "== machine after the run: $(uptime | sed 's/.*load average/load average/')"
echo "== done (bench rows left in $DB; they are replaced on the next run and wiped by the module's tests)"
