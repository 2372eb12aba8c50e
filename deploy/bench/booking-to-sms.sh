#!/usr/bin/env bash
# Booking -> SMS latency through the whole running system: a booking accepted by booking-service, its
# event relayed from the outbox to Kafka, consumed by notification-service, the SMS handed to the HTTP
# provider stub. For each booking: time from the 201 answer to the stub's receipt of the SMS.
# Needs the system running with SMS to the stub at any hour (deploy/maillage bench sets that up):
#   SMS_URL=http://127.0.0.1:8089 MAILLAGE_NOTIFICATION_QUIET_HOURS_ENABLED=false
#   BOOKINGS=200 RATE=10 deploy/bench/booking-to-sms.sh
# Prints: RESULT|booking->SMS ...|p50 .. ms, p99 .. ms, max .. ms (n=..)|p50 <= 300 ms, p99 <= 1 s (issue 15)
set -Eeuo pipefail
trap 'echo "[bench] ERROR: exit $? at line $LINENO: $BASH_COMMAND" >&2' ERR

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GATEWAY=${GATEWAY_URL:-http://127.0.0.1:8080}
BOOKING=${BOOKING_URL:-http://127.0.0.1:8083}
STUB=${SMS_STUB_URL:-http://127.0.0.1:8089}
BOOKINGS=${BOOKINGS:-200}
RATE=${RATE:-10}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
set -a; source "$ROOT/deploy/demo/ids.env"; set +a
# Missing Debian tools are installed with the project's helper, as deploy/maillage bench does.
( source "$ROOT/deploy/lib/common.sh"; need_commands jq:jq curl:curl )

# The France Services desk's application publishes the benchmark's atelier and books for citizens on it.
TOKEN=${BENCH_TOKEN:-$("$ROOT/deploy/maillage" token --role partner-app --org "$PARTNER_FRANCE_SERVICES" --sub sms-bench --ttl PT2H)}
AUTH=(-H "Authorization: Bearer $TOKEN")
offer=$(cat /proc/sys/kernel/random/uuid)
day=$(TZ=Europe/Paris date -d '+6 days' +%F)
curl -fsS -o /dev/null -X PUT "${AUTH[@]}" -H 'Content-Type: application/json' "$GATEWAY/api/v1/offers/$offer" --data-binary '{
  "placeId": "'"$PLACE_FRANCE_SERVICES"'", "partnerId": "'"$PARTNER_FRANCE_SERVICES"'", "title": "Banc d essai SMS",
  "type": "atelier_collectif", "themes": ["aide_demarches"], "capacity": '"$((BOOKINGS + 10))"', "sessionDurationMinutes": 120,
  "bookingRules": {"minDelayMinutes": 0},
  "schedule": {"oneOffs": [{"date": "'"$day"'", "startTime": "09:00", "endTime": "11:00"}], "skipPublicHolidays": false}}'
curl -fsS -o /dev/null -X POST "${AUTH[@]}" "$GATEWAY/api/v1/offers/$offer/publish"
slot=""
for _ in $(seq 1 120); do
  slot=$(curl -fsS "$GATEWAY/api/v1/slots?offerId=$offer" | jq -r '.items[0].id // empty')
  [ -n "$slot" ] && break
  sleep 0.5
done
[ -n "$slot" ] || { echo "[bench] the benchmark slot never reached booking-service" >&2; exit 1; }

echo "[bench] $BOOKINGS bookings at $RATE/s on slot $slot"
base=$((RANDOM * 20 + 300000))
interval=$(awk -v r="$RATE" 'BEGIN { printf "%.3f", 1 / r }')
for i in $(seq 1 "$BOOKINGS"); do
  phone=$(printf '0612%06d' $((base + i)))
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "${AUTH[@]}" -H 'Content-Type: application/json' "$BOOKING/api/v1/bookings" --data-binary \
    '{"slotId":"'"$slot"'","person":{"firstName":"Banc","phone":"'"$phone"'","smsConsent":true,"emailConsent":false},"need":{"theme":"aide_demarches","text":"banc"},"bookedBy":"citizen"}')
  [ "$code" = 201 ] || { echo "[bench] booking $i answered $code" >&2; exit 1; }
  echo "+33${phone:1} $(date +%s%3N)" >> "$WORK/booked.txt"
  sleep "$interval"
done

# wait (bounded) until every phone got its SMS, then join send times with receipt times
for _ in $(seq 1 120); do
  curl -fsS -X POST -H 'Content-Type: application/json' "$STUB/__admin/requests/find" -d '{"method":"POST","url":"/messages"}' \
    | jq -r '.requests[] | "\(.body | fromjson | .to) \(.loggedDate)"' > "$WORK/received.txt"
  missing=$(awk 'NR==FNR { got[$1]=1; next } !($1 in got)' "$WORK/received.txt" "$WORK/booked.txt" | wc -l)
  [ "$missing" -eq 0 ] && break
  sleep 1
done
[ "$missing" -eq 0 ] || { echo "[bench] $missing bookings without SMS after 2 minutes" >&2; exit 1; }
awk 'NR==FNR { if (!($1 in first) || $2 < first[$1]) first[$1]=$2; next } { print first[$1] - $2 }' \
  "$WORK/received.txt" "$WORK/booked.txt" | sort -n > "$WORK/latency.txt"
n=$(wc -l < "$WORK/latency.txt")
pct() { awk -v q="$1" -v n="$n" 'NR == (int(n*q) < n*q ? int(n*q)+1 : int(n*q)) { print; exit }' "$WORK/latency.txt"; }
echo "RESULT|booking->SMS handed to the provider (full stack), p50 and p99|p50 $(pct 0.50) ms, p99 $(pct 0.99) ms, max $(tail -1 "$WORK/latency.txt") ms (n=$n)|p50 <= 300 ms, p99 <= 1 s"
