#!/usr/bin/env bash
# Demo data of booking-service: a citizen booking and a staff shift on the first available slot of the
# conseiller numérique's offer at Romagné (so the run command shows a confirmation and a shift message).
#
# Contract (deploy/demo/README.md): public API only, through $GATEWAY_URL; idempotent (the booking uses a
# fixed Idempotency-Key per slot, and a 409 "déjà un rendez-vous" / "déjà affectée" means it is already there);
# waits (bounded) until booking-service has consumed the offer's sessions; fails loudly naming the call.
set -euo pipefail

DEMO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ -z "${OFFER_CNUM_ROMAGNE:-}" ]]; then
  set -a; source "$DEMO_DIR/ids.env"; set +a
fi
[[ -n "${OFFER_CNUM_ROMAGNE:-}" ]] || { echo "30-bookings: ids.env not found" >&2; exit 1; }
GATEWAY_URL=${GATEWAY_URL:-http://127.0.0.1:8080}
WAIT_SECONDS=${WAIT_SECONDS:-120}
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
die() { echo "30-bookings: $*" >&2; cat "$OUT" >&2 2>/dev/null; echo >&2; exit 1; }
# The booking is made by an agent of the France Services desk (MAILLAGE_AGENT_TOKEN: --role agent --org
# $PARTNER_FRANCE_SERVICES), the shift is assigned by the territory administrator (MAILLAGE_TOKEN: --role admin);
# deploy/maillage mints both.
AGENT_AUTH=(); ADMIN_AUTH=()
[[ -n "${MAILLAGE_AGENT_TOKEN:-}" ]] && AGENT_AUTH=(-H "Authorization: Bearer $MAILLAGE_AGENT_TOKEN")
[[ -n "${MAILLAGE_TOKEN:-}" ]] && ADMIN_AUTH=(-H "Authorization: Bearer $MAILLAGE_TOKEN")
[[ -n "${MAILLAGE_TOKEN:-}" && -n "${MAILLAGE_AGENT_TOKEN:-}" ]] \
  || die "MAILLAGE_TOKEN (--role admin) and MAILLAGE_AGENT_TOKEN (--role agent --org \$PARTNER_FRANCE_SERVICES) are needed; deploy/maillage up sets them"

# The first slot of the offer starting 3 days from today or later (the offers demo plans its sessions; booking
# consumes them): the same slot, hence the same request body, for every run of the same day.
FROM=$(date -u -d '+3 days' +%Y-%m-%dT00:00:00Z)
deadline=$((SECONDS + WAIT_SECONDS))
while :; do
  code=$(curl -sS -o "$OUT" -w '%{http_code}' "$GATEWAY_URL/api/v1/slots?offerId=$OFFER_CNUM_ROMAGNE&from=$FROM&size=1" 2>/dev/null || echo 000)
  slot=$( [[ $code == 200 ]] && sed -n 's/.*"items":\[{"id":"\([0-9a-f-]\{36\}\)".*/\1/p' "$OUT" || true)
  [[ -n $slot ]] && break
  (( SECONDS < deadline )) || die "no available slot for offer $OFFER_CNUM_ROMAGNE after ${WAIT_SECONDS}s (GET /api/v1/slots -> $code)"
  sleep 2
done
echo "slot $slot"

# booking-service knows the directory's people (here the agent, agentId) from directory.people.v1: until its read model
# has the person, it answers 422 "inconnue de l'annuaire"; wait for it (bounded).
for attempt in $(seq 1 60); do
code=$(curl -sS -o "$OUT" -w '%{http_code}' -X POST -H 'Content-Type: application/json' "${AGENT_AUTH[@]}" \
  -H "Idempotency-Key: demo-booking-$slot" "$GATEWAY_URL/api/v1/bookings" --data-binary @- <<JSON || echo 000
{"slotId": "$slot",
 "person": {"firstName": "Camille", "lastName": "Exemple", "phone": "06 10 00 00 01", "smsConsent": true, "emailConsent": false},
 "need": {"theme": "aide_demarches", "text": "Déclarer mes revenus en ligne"},
 "bookedBy": "agent", "agentId": "$PERSON_AGENT_FS"}
JSON
)
  [ "$code" = 422 ] && grep -q "inconnue de l" "$OUT" || break
  sleep 1
done
case $code in
  201) echo "POST /api/v1/bookings -> 201" ;;
  409) if grep -q 'déjà un rendez-vous' "$OUT"; then echo "POST /api/v1/bookings -> 409 (already booked)"
       elif grep -q 'complet' "$OUT"; then echo "POST /api/v1/bookings -> 409 (slot full, booked by someone else: skipped)"
       else die "POST /api/v1/bookings -> 409"; fi ;;
  *) die "POST /api/v1/bookings -> HTTP $code" ;;
esac

# booking-service knows the directory's people from directory.people.v1 (its read model): a person the directory has
# just recorded is refused (422) until booking has read the event, so wait for it (bounded).
for attempt in $(seq 1 60); do
  code=$(curl -sS -o "$OUT" -w '%{http_code}' -X POST -H 'Content-Type: application/json' "${ADMIN_AUTH[@]}" \
    "$GATEWAY_URL/api/v1/slots/$slot/shifts" --data-binary "{\"personId\": \"$PERSON_CNUM_ROMAGNE\"}" 2>/dev/null || echo 000)
  [ "$code" = 422 ] || break
  sleep 1
done
case $code in
  201) echo "POST /api/v1/slots/$slot/shifts -> 201" ;;
  409) echo "POST /api/v1/slots/$slot/shifts -> 409 (already assigned)" ;;
  *) die "POST /api/v1/slots/$slot/shifts -> HTTP $code" ;;
esac
