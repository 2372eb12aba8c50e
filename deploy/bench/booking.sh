#!/usr/bin/env bash
# Benchmarks of booking-service (issue 5), one run, figures printed at the end:
#  1. uncontended: bookings/s with p50/p99 (8 closed-loop clients, distinct slots and people), next to
#     pgbench TPC-B TPS (8 clients) on the same PostgreSQL in the same run (scratch database, dropped after);
#  2. contended: 500 concurrent clients, 10,000 attempts spread over 20 slots of 10 seats: confirmed
#     bookings per slot must equal the capacity exactly (checked in the database), with p99.
#
# It starts its own booking-service (packaged jar) on a scratch database and port, so the running stack
# and its data are untouched; slots are created the real way, by publishing offers.sessions.v1 events.
# The scratch service's outbox relay points at a closed port, so no benchmark event reaches
# booking.bookings.v1 (and no notification is sent): the outbox rows are still written in every
# booking transaction, only their asynchronous publication is left out.
#
# Needs: PostgreSQL and Kafka running (deploy/infra), kcat, pgbench (postgresql-contrib), psql, JDK 17,
# root or postgres (to create/drop the scratch databases). 127.0.0.1 only, bounded in time.
#   deploy/bench/booking.sh                 # all
#   PGBENCH_SECONDS=20 UNCONTENDED_ATTEMPTS=5000 deploy/bench/booking.sh
# The scratch service runs with the JVM options deploy/services.sh gives the services (SERVICE_JAVA_OPTS);
# BENCH_JAVA_OPTS adds to them (e.g. -XX:StartFlightRecording=filename=/tmp/b.jfr,settings=profile,dumponexit=true).
# Through the gateway instead of the service port: BENCH_URL=http://127.0.0.1:8080 (the gateway must route
# /api/v1/bookings to this scratch service, with its flood cap raised: MAILLAGE_RATE_IP); the service's own limits are
# raised by MAILLAGE_RATE_LIMIT_* (deploy/maillage bench sets them).
set -Eeuo pipefail
trap 'echo "[bench] ERROR: exit $? at line $LINENO: $BASH_COMMAND" >&2' ERR

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# Scratch services verify tokens with the development key of the run (deploy/infra/dev-keys.sh).
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-${MAILLAGE_RUN:-$ROOT/deploy/.run}/jwt/public.pem}
# ... under the local realm's issuer, which the tokens of deploy/maillage token carry (lib/common.sh).
export MP_JWT_VERIFY_ISSUER=${MP_JWT_VERIFY_ISSUER:-${MAILLAGE_ISSUER:-http://127.0.0.1:8180/realms/maillage}}
# The key sealing personal data in booking events (deploy/infra/dev-keys.sh), which the service needs to start.
export MAILLAGE_SEALING_KEY=${MAILLAGE_SEALING_KEY:-$(cat "${MAILLAGE_RUN:-$ROOT/deploy/.run}/jwt/sealing.key" 2>/dev/null || true)}
HERE=$ROOT/deploy/bench
PORT=${BENCH_PORT:-18083}
BENCH_URL=${BENCH_URL:-http://127.0.0.1:$PORT}
# The contended run may target the service directly: through the gateway, 500 simultaneous bookings from one
# client are (rightly) refused with 429 by its per-client booking limit, whatever its rate.
CONTENDED_URL=${CONTENDED_URL:-$BENCH_URL}
PGBENCH_SECONDS=${PGBENCH_SECONDS:-30}
PGBENCH_SCALE=${PGBENCH_SCALE:-10}
UNCONTENDED_CLIENTS=${UNCONTENDED_CLIENTS:-8}
UNCONTENDED_ATTEMPTS=${UNCONTENDED_ATTEMPTS:-10000}
UNCONTENDED_SLOTS=${UNCONTENDED_SLOTS:-20}
CONTENDED_CLIENTS=${CONTENDED_CLIENTS:-500}
CONTENDED_ATTEMPTS=${CONTENDED_ATTEMPTS:-10000}
CONTENDED_SLOTS=${CONTENDED_SLOTS:-20}
CONTENDED_CAPACITY=${CONTENDED_CAPACITY:-10}
# Warm-up before anything is measured (the JIT compiles the booking path, pools fill): bookings on the uncontended
# slots, then a rush on slots of their own (same shape as the contended run, never counted nor checked), so that the
# refusal path (409 with the next slots) is compiled too. On 2 shared cores C2 is still compiling the hot path
# (pgjdbc, Netty, Jackson) after 20,000 requests: a shorter warm-up measures the JIT more than the service.
WARMUP_ATTEMPTS=${WARMUP_ATTEMPTS:-15000}
WARMUP_CONTENDED_ATTEMPTS=${WARMUP_CONTENDED_ATTEMPTS:-5000}
RUN_ID=$(date +%s)
DB=booking_bench_$RUN_ID
PGB_DB=pgbench_scratch_$RUN_ID
WORK=$(mktemp -d /tmp/booking-bench.XXXXXX)
JAR=$ROOT/booking-service/target/quarkus-app/quarkus-run.jar
SERVICE_PID=

say() { printf '[bench] %s\n' "$*"; }
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
psql_bench() { PGPASSWORD=booking psql -h 127.0.0.1 -U booking -d "$DB" -XqtA -c "$1"; }

cleanup() {
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
  fi
  as_postgres dropdb --if-exists "$DB" >/dev/null 2>&1 || true
  as_postgres dropdb --if-exists "$PGB_DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Missing Debian tools are installed with the project's helper, as deploy/maillage bench does.
( source "$ROOT/deploy/lib/common.sh"; need_commands kcat:kcat psql:postgresql-client curl:curl )
for tool in kcat pgbench psql java curl; do command -v $tool >/dev/null || { echo "[bench] $tool is missing" >&2; exit 1; }; done
(exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null || { echo "[bench] PostgreSQL is not listening on 5432 (deploy/infra/postgres.sh)" >&2; exit 1; }
(exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null || { echo "[bench] Kafka is not listening on 9092 (deploy/infra/kafka.sh start)" >&2; exit 1; }
if [ ! -f "$JAR" ]; then
  say "packaging booking-service"
  (cd "$ROOT" && ./mvnw -B -q -pl booking-service package -DskipTests)
fi

say "scratch databases $DB and $PGB_DB"
as_postgres createdb -O booking "$DB"
as_postgres createdb "$PGB_DB"

say "starting a scratch booking-service on $PORT"
# Its management interface (health) on PORT+1000, bound to 127.0.0.1 like the API.
MGMT_PORT=${BENCH_MANAGEMENT_PORT:-$((PORT + 1000))}
(cd "$ROOT" && exec env HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$MGMT_PORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 DB_NAME=$DB DB_POOL_MAX=${DB_POOL_MAX:-20} \
  MP_MESSAGING_INCOMING_OFFERS_SESSIONS_GROUP_ID=booking-bench-$RUN_ID \
  MP_MESSAGING_INCOMING_OFFERS_SESSIONS_AUTO_OFFSET_RESET=latest \
  MAILLAGE_OUTBOX_BOOTSTRAP_SERVERS=127.0.0.1:9 \
  QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA_CLIENTS_NETWORKCLIENT__LEVEL=ERROR \
  QUARKUS_LOG_CATEGORY__FR_MAILLAGE_BOOKING_EVENTS_OUTBOXRELAY__LEVEL=ERROR \
  QUARKUS_LOG_CATEGORY__HTTP_PROBLEM__LEVEL=WARN \
  java ${SERVICE_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC} ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$WORK/service.log" 2>&1) &
SERVICE_PID=$!
ready() { curl -fsS "http://127.0.0.1:$MGMT_PORT/q/health/ready" || curl -fsS "http://127.0.0.1:$PORT/q/health/ready"; }
for _ in $(seq 1 240); do
  ready >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { tail -30 "$WORK/service.log" >&2; exit 1; }
  sleep 0.5
done
ready >/dev/null || { tail -30 "$WORK/service.log" >&2; exit 1; }

# The scratch consumer starts at the end of offers.sessions.v1: publish only once it holds the partitions.
for _ in $(seq 1 240); do grep -q 'offers.sessions.v1: [1-9][0-9]* partition(s) assigned' "$WORK/service.log" && break; sleep 0.5; done
grep -q 'partition(s) assigned' "$WORK/service.log" || { echo "[bench] the scratch service got no partition" >&2; exit 1; }

# Sessions published as the offers service would: big slots for the uncontended run, 10-seat slots for the other.
OFFER_U=$(cat /proc/sys/kernel/random/uuid)
OFFER_C=$(cat /proc/sys/kernel/random/uuid)
OFFER_W=$(cat /proc/sys/kernel/random/uuid)
START=$(date -u -d '+7 days' +%Y-%m-%dT09:00:00Z)
END=$(date -u -d '+7 days' +%Y-%m-%dT09:45:00Z)
session() { # id offer capacity
  printf '%s\t{"eventId":"%s","type":"SessionPlanned","occurredAt":"%s","aggregateId":"%s","version":1,"data":{"id":"%s","offerId":"%s","partnerId":"%s","placeId":"%s","start":"%s","end":"%s","capacity":%d,"status":"planned","cancelReason":null,"offer":{"title":"Banc de charge","type":"permanence_individuelle","themes":["aide_demarches"]},"place":{"name":"Lieu de test","street":null,"postalCode":"35133","commune":"Romagné","inseeCode":"35243","phone":null},"staffIds":[],"bookingRules":{"allowedBookers":["citizen","agent","partner_app"],"minDelayMinutes":0,"maxDelayDays":365,"cancelUntilMinutes":0,"rescheduleUntilMinutes":0,"waitingList":false,"reminderOffsetsMinutes":[2880,120]}}}\n' \
    "$1" "$(cat /proc/sys/kernel/random/uuid)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" "$1" "$2" "$OFFER_U" "$OFFER_U" "$START" "$END" "$3"
}
: >"$WORK/sessions.tsv"; U_SLOTS=(); C_SLOTS=(); W_SLOTS=()
for _ in $(seq 1 "$UNCONTENDED_SLOTS"); do id=$(cat /proc/sys/kernel/random/uuid); U_SLOTS+=("$id"); session "$id" "$OFFER_U" 100000 >>"$WORK/sessions.tsv"; done
for _ in $(seq 1 "$CONTENDED_SLOTS"); do id=$(cat /proc/sys/kernel/random/uuid); C_SLOTS+=("$id"); session "$id" "$OFFER_C" "$CONTENDED_CAPACITY" >>"$WORK/sessions.tsv"; done
for _ in $(seq 1 "$CONTENDED_SLOTS"); do id=$(cat /proc/sys/kernel/random/uuid); W_SLOTS+=("$id"); session "$id" "$OFFER_W" "$CONTENDED_CAPACITY" >>"$WORK/sessions.tsv"; done
kcat -b 127.0.0.1:9092 -P -t offers.sessions.v1 -K $'\t' -l "$WORK/sessions.tsv"
want=$((UNCONTENDED_SLOTS + 2 * CONTENDED_SLOTS))
say "waiting for the $want slots to be consumed"
for _ in $(seq 1 240); do
  have=$(psql_bench "SELECT count(*) FROM slot WHERE offer_id IN ('$OFFER_U', '$OFFER_C', '$OFFER_W')")
  [ "$have" = "$want" ] && break
  sleep 0.5
done
[ "$have" = "$want" ] || { echo "[bench] only $have/$want slots consumed" >&2; exit 1; }

# The load generator books as a partner's application (bookedBy citizen), like a commune's website.
BENCH_TOKEN=${BENCH_TOKEN:-$("$ROOT/deploy/maillage" token --role partner-app --org 00000000-0000-4000-8000-0000000bec00 --sub booking-bench --ttl PT2H)}
export BENCH_TOKEN
say "compiling the load generator"
# Vert.x's HTTP client and Netty, as packaged with the service: 500 clients on one event loop, not 500 threads.
LOAD_CP=$(ls "$ROOT"/booking-service/target/quarkus-app/lib/main/{io.vertx.vertx-core-,io.netty.netty-}*.jar | tr '\n' ':')
javac -nowarn -cp "$LOAD_CP" -d "$WORK/classes" "$HERE/booking-load/BookingLoad.java"
# The load generator shares the cores with the service and PostgreSQL: C1 only (its own C2 compilations cost a
# quarter of a core during each measured run, a fresh JVM per run) and a serial collector keep its footprint small.
load() { java -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$WORK/classes:$LOAD_CP" BookingLoad "$@"; }

say "warm-up (JIT, pools): $WARMUP_ATTEMPTS bookings, then $WARMUP_CONTENDED_ATTEMPTS attempts on slots of their own"
load "$BENCH_URL" "$UNCONTENDED_CLIENTS" "$WARMUP_ATTEMPTS" "$(IFS=,; echo "${U_SLOTS[*]}")" 9 >/dev/null
load "$CONTENDED_URL" "$CONTENDED_CLIENTS" "$WARMUP_CONTENDED_ATTEMPTS" "$(IFS=,; echo "${W_SLOTS[*]}")" 8 >/dev/null

say "pgbench TPC-B, scale $PGBENCH_SCALE, 8 clients, ${PGBENCH_SECONDS}s"
as_postgres pgbench -q -i -s "$PGBENCH_SCALE" "$PGB_DB" >/dev/null 2>&1
PGBENCH_OUT=$(as_postgres pgbench -c 8 -j 2 -T "$PGBENCH_SECONDS" "$PGB_DB" 2>&1)
PGBENCH_TPS=$(echo "$PGBENCH_OUT" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | tail -1)
PGBENCH_LAT=$(echo "$PGBENCH_OUT" | sed -n 's/^latency average = \(.*\)$/\1/p')
as_postgres dropdb --if-exists "$PGB_DB"

say "uncontended: $UNCONTENDED_ATTEMPTS bookings, $UNCONTENDED_CLIENTS clients, $UNCONTENDED_SLOTS slots"
UNCONTENDED=$(load "$BENCH_URL" "$UNCONTENDED_CLIENTS" "$UNCONTENDED_ATTEMPTS" "$(IFS=,; echo "${U_SLOTS[*]}")" 1)

say "contended: $CONTENDED_ATTEMPTS attempts, $CONTENDED_CLIENTS clients, $CONTENDED_SLOTS slots of $CONTENDED_CAPACITY seats"
CONTENDED=$(load "$CONTENDED_URL" "$CONTENDED_CLIENTS" "$CONTENDED_ATTEMPTS" "$(IFS=,; echo "${C_SLOTS[*]}")" 2)

# The database is the judge: confirmed bookings per slot against capacity, and the counters.
CHECK=$(psql_bench "SELECT count(*) FILTER (WHERE n = s.capacity), count(*) FILTER (WHERE n > s.capacity),
                           count(*) FILTER (WHERE n < s.capacity), count(*) FILTER (WHERE s.confirmed <> n), sum(n)
                    FROM slot s JOIN LATERAL (SELECT count(*) n FROM booking b WHERE b.slot_id = s.id AND b.status = 'confirmed') c ON true
                    WHERE s.offer_id = '$OFFER_C'")
IFS='|' read -r EXACT OVER UNDER COUNTER_MISMATCH TOTAL_CONFIRMED <<<"$CHECK"
CREATED=$(echo "$CONTENDED" | sed -n 's/.*statuses={\([^}]*\)}.*/\1/p' | tr ',' '\n' | sed -n 's/ *201=//p')

echo
echo "================ booking-service benchmark ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores) ================"
echo "pgbench TPC-B, 8 clients, ${PGBENCH_SECONDS}s, scale $PGBENCH_SCALE : tps=$PGBENCH_TPS latency_avg=$PGBENCH_LAT"
echo "uncontended POST /api/v1/bookings  : $UNCONTENDED"
UNC_BPS=$(echo "$UNCONTENDED" | sed -n 's/.*bookings_per_s=\([0-9.]*\).*/\1/p')
echo "ratio bookings/s / pgbench tps     : $(awk -v a="$UNC_BPS" -v b="$PGBENCH_TPS" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }') (goal >= 0.5, p99 <= 100 ms)"
echo "contended POST /api/v1/bookings    : $CONTENDED"
echo "contended check (database)         : slots_exact=$EXACT/$CONTENDED_SLOTS overbooked_slots=$OVER underfilled_slots=$UNDER counter_mismatches=$COUNTER_MISMATCH confirmed=$TOTAL_CONFIRMED (expected $((CONTENDED_SLOTS * CONTENDED_CAPACITY)), 201 answers=$CREATED) (goal: exact, p99 <= 250 ms)"
echo "target: $BENCH_URL, contended: $CONTENDED_URL (scratch service, relay off), load generator: deploy/bench/booking-load/BookingLoad.java (Vert.x HTTP client, one event loop)"
echo "machine load average at the end (1/5/15 min): $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (the load generator shares them)"
field() { echo "$1" | sed -n "s/.*$2=\([0-9.]*\).*/\1/p"; }
echo "RESULT|booking uncontended via $BENCH_URL, $UNCONTENDED_CLIENTS clients (pgbench TPC-B $PGBENCH_TPS tps)|$(field "$UNCONTENDED" bookings_per_s) bookings/s = $(awk -v a="$UNC_BPS" -v b="$PGBENCH_TPS" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }') x pgbench, p50 $(field "$UNCONTENDED" p50_ms) ms, p99 $(field "$UNCONTENDED" p99_ms) ms|>= 0.5 x pgbench, p99 <= 100 ms"
echo "RESULT|booking contended via $CONTENDED_URL, $CONTENDED_CLIENTS clients, $CONTENDED_SLOTS slots x $CONTENDED_CAPACITY seats|p99 $(field "$CONTENDED" p99_ms) ms, slots exact $EXACT/$CONTENDED_SLOTS, overbooked $OVER, confirmed $TOTAL_CONFIRMED, answers $(echo "$CONTENDED" | sed -n 's/.*statuses=\({[^}]*}\).*/\1/p')|exact, p99 <= 250 ms"

# The verdict, after the figures: every check is evaluated and any failure fails the benchmark (a failed test
# that is not the last of an && list does not stop a set -e script, which is how overbooking once exited 0).
FAILURES=()
[ "$OVER" = 0 ] || FAILURES+=("overbooked slots: ${OVER:-unknown}")
[ "$EXACT" = "$CONTENDED_SLOTS" ] || FAILURES+=("slots filled exactly: ${EXACT:-unknown}/$CONTENDED_SLOTS")
[ "$COUNTER_MISMATCH" = 0 ] || FAILURES+=("slot counters differing from the confirmed bookings: ${COUNTER_MISMATCH:-unknown}")
[ -n "$CREATED" ] && [ "$CREATED" = "$TOTAL_CONFIRMED" ] || FAILURES+=("201 answers ${CREATED:-unknown} but ${TOTAL_CONFIRMED:-unknown} confirmed")
if [ ${#FAILURES[@]} -gt 0 ]; then
  printf '[bench] FAILED, contended booking not exact: %s\n' "${FAILURES[@]}" >&2
  exit 1
fi
echo "[bench] contended booking exact: every slot holds its capacity, no more"
