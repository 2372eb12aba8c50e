#!/usr/bin/env bash
# Benchmark of notification-service's worker: N reminders (default 50 000) due at the same instant,
# handed to an HTTP SMS provider stub (WireMock standalone + the FakeSmsApi extension of the tests,
# which counts each Idempotency-Key and answers the reconciliation lookups).
# Two runs: a clean one, then one where the service is killed with kill -9 mid-way and restarted.
# Reports: time to hand every message over (goal <= 60 s), duplicates (goal 0), lost (goal 0).
#
# Usage: deploy/bench/notification.sh            (N=50000, provider latency 0 ms)
#        N=10000 SMS_DELAY_MS=20 deploy/bench/notification.sh
#        KILL_RUN=0 ...  (clean run only)
# Needs PostgreSQL and Kafka running (deploy/infra). Uses the notification_test database (the tests'
# database, wiped by every test run; what is pending there is skipped), the service's Kafka consumers
# disabled (the worker alone is measured), a service on port 18084 and the stub on 18099: 127.0.0.1 only.
set -Eeuo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MODULE=$ROOT/notification-service
# Scratch services verify tokens with the development key of the run (deploy/infra/dev-keys.sh).
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-${MAILLAGE_RUN:-$ROOT/deploy/.run}/jwt/public.pem}
# ... under the local realm's issuer, which the tokens of deploy/maillage token carry (lib/common.sh).
export MP_JWT_VERIFY_ISSUER=${MP_JWT_VERIFY_ISSUER:-${MAILLAGE_ISSUER:-http://127.0.0.1:8180/realms/maillage}}
# The key sealing personal data in booking events (deploy/infra/dev-keys.sh), which the service needs to start.
export MAILLAGE_SEALING_KEY=${MAILLAGE_SEALING_KEY:-$(cat "${MAILLAGE_RUN:-$ROOT/deploy/.run}/jwt/sealing.key" 2>/dev/null || true)}
OUT=${BENCH_DIR:-$MODULE/target/bench}
N=${N:-50000}
SMS_DELAY_MS=${SMS_DELAY_MS:-0}
APP_PORT=${APP_PORT:-18084}
STUB_PORT=${STUB_PORT:-18099}
WIREMOCK_JAR=${WIREMOCK_JAR:-$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar}
export PGPASSWORD=notification
PSQL=(psql -X -q -t -A -h 127.0.0.1 -U notification -d notification_test)
mkdir -p "$OUT"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

say() { printf '[bench] %s\n' "$*"; }

if [ ! -f "$MODULE/target/quarkus-app/quarkus-run.jar" ] || [ ! -d "$MODULE/target/test-classes/fr" ]; then
  say "building notification-service (package, tests skipped)"
  (cd "$ROOT" && ./mvnw -B -q -pl notification-service package -DskipTests)
fi
[ -f "$WIREMOCK_JAR" ] || (cd "$ROOT" && ./mvnw -B -q dependency:get -Dartifact=org.wiremock:wiremock-standalone:3.13.2)

say "starting the SMS provider stub on 127.0.0.1:$STUB_PORT (latency ${SMS_DELAY_MS} ms)"
(exec java -Dfake.sms.delay="$SMS_DELAY_MS" -cp "$WIREMOCK_JAR:$MODULE/target/test-classes" wiremock.Run \
  --port "$STUB_PORT" --bind-address 127.0.0.1 --no-request-journal --container-threads 100 --disable-banner \
  --extensions fr.maillage.notification.support.FakeSmsApi) > "$OUT/stub.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$STUB_PORT/__admin/health" >/dev/null 2>&1 && break; sleep 0.2; done
for m in '{"priority":5,"request":{"method":"POST","url":"/messages"},"response":{"transformers":["fake-sms-api"]}}' \
         '{"priority":5,"request":{"method":"GET","urlPathPattern":"/messages/by-reference/.*"},"response":{"transformers":["fake-sms-api"]}}' \
         '{"request":{"method":"GET","url":"/stats"},"response":{"transformers":["fake-sms-api"]}}' \
         '{"request":{"method":"POST","url":"/reset"},"response":{"transformers":["fake-sms-api"]}}'; do
  curl -fs -X POST -H 'Content-Type: application/json' -d "$m" "http://127.0.0.1:$STUB_PORT/__admin/mappings" >/dev/null
done

start_service() { # $1 = log name; prints the pid
  # Management interface (health) on APP_PORT+1000, API and management bound to 127.0.0.1.
  (cd "$MODULE" && HTTP_PORT=$APP_PORT QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$((APP_PORT + 1000)) \
    QUARKUS_MANAGEMENT_HOST=127.0.0.1 DB_NAME=notification_test SMS_URL="http://127.0.0.1:$STUB_PORT" \
    MP_MESSAGING_INCOMING_BOOKINGS_ENABLED=false MP_MESSAGING_INCOMING_SHIFTS_ENABLED=false \
    MP_MESSAGING_INCOMING_PEOPLE_ENABLED=false WORKER_LEASE=PT10S MAILLAGE_NOTIFICATION_QUIET_HOURS_ENABLED=false \
    MAILLAGE_NOTIFICATION_WORKER_DELAY=0s exec java -jar target/quarkus-app/quarkus-run.jar) > "$OUT/$1.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 300); do
    { curl -fs "http://127.0.0.1:$((APP_PORT + 1000))/q/health/ready" || curl -fs "http://127.0.0.1:$APP_PORT/q/health/ready"; } >/dev/null 2>&1 && { echo "$pid"; return; }
    kill -0 "$pid" 2>/dev/null || { tail -20 "$OUT/$1.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "service not ready, see $OUT/$1.log" >&2; exit 1
}

stats() { curl -fs "http://127.0.0.1:$STUB_PORT/stats"; }
field() { sed -E "s/.*\"$1\":([0-9]+).*/\1/"; }

# N reminders, all due at the same instant ($1 seconds from now), for appointments tomorrow.
seed() {
  "${PSQL[@]}" -c "DELETE FROM notification WHERE dedupe_key LIKE 'bench-%'" >/dev/null
  # only the benchmark's rows are due in this (test) database
  "${PSQL[@]}" -c "UPDATE notification SET status = 'skipped', skip_reason = 'bench' WHERE status IN ('pending', 'sending')" >/dev/null
  "${PSQL[@]}" -c "INSERT INTO notification (id, dedupe_key, template, reminder_offset_minutes, channel, recipient,
      booking_id, appointment_start, model, due_at, next_attempt_at)
    SELECT gen_random_uuid(), 'bench-' || i, 'booking_reminder', 1440, 'sms', '+3361' || lpad(i::text, 7, '0'), b,
      now() + interval '1 day',
      json_build_object('bookingId', b, 'firstName', 'Camille', 'offerTitle', 'Permanence conseiller numérique',
        'placeName', 'Pôle socioculturel', 'street', '2 rue de la Mairie', 'postalCode', '35133', 'commune', 'Romagné',
        'start', to_char((now() + interval '1 day') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || 'Z',
        'selfServiceUrl', 'http://127.0.0.1:8080/api/v1/bookings/self/' || md5(b::text))::text,
      t.due, t.due
    FROM (SELECT i, gen_random_uuid() AS b FROM generate_series(1, $N) i) g,
      (SELECT now() + make_interval(secs => $1) AS due) t" >/dev/null
  "${PSQL[@]}" -c "SELECT extract(epoch FROM min(due_at)) FROM notification WHERE dedupe_key LIKE 'bench-%'"
}

report() { # $1 = run name, $2 = due epoch
  local sent dup distinct total last
  for _ in $(seq 1 600); do
    sent=$("${PSQL[@]}" -c "SELECT count(*) FROM notification WHERE dedupe_key LIKE 'bench-%' AND status = 'sent'")
    [ "$sent" -ge "$N" ] && break
    sleep 1
  done
  last=$("${PSQL[@]}" -c "SELECT extract(epoch FROM max(sent_at)) FROM notification WHERE dedupe_key LIKE 'bench-%'")
  local s; s=$(stats); distinct=$(echo "$s" | field distinct); total=$(echo "$s" | field total); dup=$(echo "$s" | field duplicates)
  local handover; handover=$(awk -v a="$last" -v b="$2" 'BEGIN{printf "%.1f", a-b}')
  printf '[bench] %-10s N=%d  handed over in %s s after the due instant  recorded sent=%d  provider: distinct=%d total=%d duplicates=%d  lost=%d\n' \
    "$1" "$N" "$handover" "$sent" "$distinct" "$total" "$dup" $((N - distinct)) | tee -a "$OUT/results.txt"
  echo "RESULT|notification $N reminders due at once, run $1|handed over in $handover s, sent $sent, provider distinct $distinct, duplicates $dup, lost $((N - distinct))|${3:-<= 60 s, 0 lost}"
}

: > "$OUT/results.txt"
say "run 1: clean"
curl -fs -X POST "http://127.0.0.1:$STUB_PORT/reset" >/dev/null
PID=$(start_service run1)
DUE=$(seed 15)
report clean "$DUE"
kill "$PID"; wait "$PID" 2>/dev/null || true

if [ "${KILL_RUN:-1}" = 0 ]; then say "results in $OUT/results.txt"; exit 0; fi
say "run 2: kill -9 mid-way, restart"
curl -fs -X POST "http://127.0.0.1:$STUB_PORT/reset" >/dev/null
PID=$(start_service run2a)
DUE=$(seed 15)
while [ "$(stats | field distinct)" -lt $((N / 3)) ]; do sleep 0.05; done
kill -9 "$PID"; wait "$PID" 2>/dev/null || true
AT_KILL=$(stats | field distinct)
IN_FLIGHT=$("${PSQL[@]}" -c "SELECT count(*) FROM notification WHERE dedupe_key LIKE 'bench-%' AND status = 'sending'")
say "killed (-9) after $AT_KILL handed over, $IN_FLIGHT rows 'sending'" | tee -a "$OUT/results.txt"
PID=$(start_service run2b)
report kill-9 "$DUE" "0 lost (duplicates bounded by in-flight)"
RECONCILED=$(grep -c "accepted before a crash" "$OUT/run2b.log" || true)
say "after restart: $RECONCILED in-flight messages found already accepted by the provider (recorded, not resent)" | tee -a "$OUT/results.txt"
kill "$PID"; wait "$PID" 2>/dev/null || true
"${PSQL[@]}" -c "DELETE FROM notification WHERE dedupe_key LIKE 'bench-%'" >/dev/null
say "results in $OUT/results.txt"
