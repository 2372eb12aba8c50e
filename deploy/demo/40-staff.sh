#!/usr/bin/env bash
# Demo data of the staff (issue 19): rosters of the demo volunteers, shifts per permanence, and a permanence whose
# volunteer reminder falls due a few minutes after `deploy/maillage up`, so that a newcomer sees it in the SMS stub.
#
# - Rosters (PUT /api/v1/staff/{personId}/availability): Claude (CCAS de Boigny, …0203) Tuesday afternoons and Thursday
#   mornings; Sacha (CCAS de Marigny, …0204) Wednesday mornings and Saturdays; Lou (Val de Somme, …0206) Monday and
#   Friday mornings; Morgane (secrétaire de mairie à Corbie, …0205) Wednesday afternoons. Not in August.
# - Shifts (POST /api/v1/permanences/{id}/shifts): Lou staffs the next Monday permanence at Corbie and the next Friday
#   one at Villers-Bretonneux; the Wednesday afternoons at Fouilloy stay « sans bénévole » (understaffed), with Morgane
#   as the available person: what `secretaire.corbie` sees on /agent/permanences and asks with « Demander aux bénévoles
#   disponibles ».
# - The reminder: an extra session of the CCAS de Boigny's volunteer permanence (offer …0308, one hour cut into two
#   30-minute slots: one permanence) starting 24 h + a few minutes from now, staffed by Claude, who is told by SMS only:
#   the assignment SMS at once, then ONE reminder (the shift reminder goes 24 h before, notification-service's
#   maillage.notification.shift-reminder-offset) a few minutes later. Claude's number is in ARCEP's fiction range; the
#   local stack delivers those to the SMS stub (notification-service, issue 19 item 5).
#
# Contract (deploy/demo/README.md): public API only, through $GATEWAY_URL; idempotent (PUT create-or-replace for
# rosters; a 409 "déjà affectée" means the shift is there); bounded waits (booking-service learns the people and the
# sessions from Kafka); fails loudly naming the call. Time-dependent on purpose: the extra session is planned again only
# when the one planned earlier no longer starts 24 h to 25 h ahead (its reminder is past or more than an hour away), and
# the next Monday/Friday move with the calendar, as 30-bookings.sh's "3 days from today" does.
set -euo pipefail

DEMO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ -n "${OFFER_RAPPEL_BOIGNY:-}" ]] || { set -a; source "$DEMO_DIR/ids.env"; set +a; }
GATEWAY_URL=${GATEWAY_URL:-http://127.0.0.1:8080}
WAIT_SECONDS=${WAIT_SECONDS:-120}
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
die() { echo "40-staff: $*" >&2; cat "$OUT" >&2 2>/dev/null; echo >&2; exit 1; }
[[ -n "${MAILLAGE_TOKEN:-}" ]] || die "MAILLAGE_TOKEN is empty: writes need an administrator's token (export MAILLAGE_TOKEN=\$(deploy/maillage token --role admin)); deploy/maillage up sets it"
AUTH=(-H "Authorization: Bearer $MAILLAGE_TOKEN")

# call <method> <path> [json]: prints the HTTP code, the body goes to $OUT.
call() {
  local method=$1 path=$2 body=${3:-} code
  local args=(-sS -o "$OUT" -w '%{http_code}' -X "$method" "${AUTH[@]}")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  code=$(curl "${args[@]}" "$GATEWAY_URL/api/v1/$path" 2>/dev/null) || true
  echo "${code:-000}"
}

# roster <person id> <json>: PUT, waiting (bounded) until booking-service knows the person (404 meanwhile).
roster() {
  local person=$1 body=$2 code deadline=$((SECONDS + WAIT_SECONDS))
  while :; do
    code=$(call PUT "staff/$person/availability" "$body")
    [[ $code == 200 || $code == 201 ]] && break
    # the gateway's own 404 (an API path it does not route) will not change by waiting; booking's « person unknown » will
    [[ $code == 404 && $(cat "$OUT") == *"Aucune ressource à cette adresse"* ]] \
      && die "PUT /api/v1/staff/$person/availability -> HTTP 404 from the gateway: /api/v1/staff is not routed to booking-service (deploy/gateway/routes.conf)"
    if [[ $code == 404 || $code == 000 || $code == 502 || $code == 503 ]] && (( SECONDS < deadline )); then
      sleep 2
      continue
    fi
    die "PUT /api/v1/staff/$person/availability -> HTTP $code"
  done
  echo "PUT /api/v1/staff/$person/availability -> $code"
}

# shift <permanence id> <person id>: POST; 409 (already assigned) is fine; 422 while booking learns the person.
shift_for() {
  local permanence=$1 person=$2 code deadline=$((SECONDS + WAIT_SECONDS))
  while :; do
    code=$(call POST "permanences/$permanence/shifts" "{\"personId\": \"$person\"}")
    [[ $code == 201 || $code == 409 ]] && break
    if [[ $code == 422 || $code == 000 || $code == 502 || $code == 503 ]] && (( SECONDS < deadline )); then
      sleep 2
      continue
    fi
    die "POST /api/v1/permanences/$permanence/shifts -> HTTP $code"
  done
  echo "POST /api/v1/permanences/$permanence/shifts -> $code$([[ $code == 409 ]] && echo ' (already assigned)')"
}

# first_permanence <partner id> <offer id> <place id> <ISO weekday 1-7>: the id of the first coming permanence of that
# offer at that place on that weekday (within 4 weeks), waiting (bounded) for booking-service to have planned it.
first_permanence() {
  local partner=$1 offer=$2 place=$3 weekday=$4 code id deadline=$((SECONDS + WAIT_SECONDS))
  local from to
  from=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  to=$(date -u -d '+28 days' +%Y-%m-%dT%H:%M:%SZ)
  while :; do
    code=$(call GET "permanences?partnerId=$partner&from=$from&to=$to&size=100")
    if [[ $code == 200 ]]; then
      id=$(jq -r --arg offer "$offer" --arg place "$place" --argjson day "$weekday" '
        [.items[] | select(.offerId == $offer and .placeId == $place and .status == "planned")
          | select(.start | .[0:10] | strptime("%Y-%m-%d") | mktime | strftime("%u") | tonumber == $day)
        ] | first | .id // empty' "$OUT")
      [[ -n $id ]] && { echo "$id"; return 0; }
    fi
    (( SECONDS < deadline )) || die "no coming permanence of offer $offer at place $place on weekday $weekday after ${WAIT_SECONDS}s (GET /api/v1/permanences -> $code)"
    sleep 2
  done
}

# ------------------------------------------------------------------------------------------------ rosters
roster "$PERSON_BENEVOLE_BOIGNY" '{"weekly": [{"day": "TU", "start": "14:00", "end": "17:00"}, {"day": "TH", "start": "09:00", "end": "12:00"}],
  "excludedMonths": [8], "themes": ["outils_quotidien", "messagerie", "visio_famille"]}'
roster "$PERSON_BENEVOLE_MARIGNY" '{"weekly": [{"day": "WE", "start": "09:00", "end": "12:00"}, {"day": "SA", "start": "10:00", "end": "12:00"}],
  "excludedMonths": [8], "themes": ["outils_quotidien", "aide_demarches", "securite_arnaques"]}'
roster "$PERSON_BENEVOLE_SOMME" '{"weekly": [{"day": "MO", "start": "09:00", "end": "12:00"}, {"day": "FR", "start": "09:00", "end": "12:00"}],
  "excludedMonths": [8], "themes": ["aide_demarches", "outils_quotidien", "transports"]}'
roster "$PERSON_SECRETAIRE_CORBIE" '{"weekly": [{"day": "WE", "start": "14:00", "end": "17:00"}],
  "excludedMonths": [8], "themes": []}'

# ---------------------------------------------------------------- shifts of the Val de Somme's itinerant permanence
# Lou staffs the next Monday (Corbie) and Friday (Villers-Bretonneux) permanences; Wednesdays (Fouilloy) stay understaffed.
shift_for "$(first_permanence "$PARTNER_VAL_DE_SOMME" "$OFFER_ITINERANTE_SOMME" "$PLACE_MAIRIE_CORBIE" 1)" "$PERSON_BENEVOLE_SOMME"
shift_for "$(first_permanence "$PARTNER_VAL_DE_SOMME" "$OFFER_ITINERANTE_SOMME" "$PLACE_MAIRIE_VILLERS" 5)" "$PERSON_BENEVOLE_SOMME"

# --------------------------------------------------------------------- the permanence reminded a few minutes from now
# An extra session of the CCAS de Boigny's volunteer permanence, starting in 24 h + 5 to 10 minutes (Europe/Paris), one hour
# (two 30-minute slots: one permanence, one shift, one reminder). A session ends on the day it starts: late in the
# evening it is shortened to end at midnight, and in its last 35 minutes the day after's midnight is taken instead.
now=$(date +%s)
code=$(call GET "slots?offerId=$OFFER_RAPPEL_BOIGNY&from=$(date -u +%Y-%m-%dT%H:%M:%SZ)&size=10")
planned=$( [[ $code == 200 ]] && jq -r '[.items[] | select(.status == "planned")] | first | .start // empty' "$OUT" || true)
if [[ -n $planned ]] && (( $(date -d "$planned" +%s) > now + 86400 && $(date -d "$planned" +%s) <= now + 90000 )); then
  echo "extra session already planned at $planned: its reminder is due within the hour"
else
  start_epoch=$(( (now + 86400 + 300 + 299) / 300 * 300 ))
  day=$(TZ=Europe/Paris date -d "@$start_epoch" +%Y-%m-%d)
  start=$(TZ=Europe/Paris date -d "@$start_epoch" +%H:%M)
  minutes_left=$(( ( $(TZ=Europe/Paris date -d "$day 00:00 tomorrow" +%s) - start_epoch ) / 60 ))
  if (( minutes_left < 35 )); then
    day=$(TZ=Europe/Paris date -d "$day tomorrow" +%Y-%m-%d); start=00:00; minutes_left=1440
  fi
  length=$(( minutes_left > 60 ? 60 : (minutes_left - 1) / 30 * 30 ))
  (( length >= 30 )) || length=30
  end=$(TZ=Europe/Paris date -d "$day $start $length minutes" +%H:%M)
  deadline=$((SECONDS + WAIT_SECONDS))
  while :; do
    code=$(call PUT "offers/$OFFER_RAPPEL_BOIGNY" '{
  "placeId": "'"$PLACE_CCAS_BOIGNY"'", "partnerId": "'"$PARTNER_CCAS_BOIGNY"'",
  "title": "Permanence numérique bénévole : séance supplémentaire",
  "description": "Une séance de plus de la permanence bénévole du CCAS : ordinateur, messagerie, appel vidéo avec vos proches.",
  "type": "permanence_individuelle",
  "themes": ["outils_quotidien", "messagerie", "visio_famille"],
  "publics": ["seniors"], "level": "debutant", "modality": "sur_place",
  "fees": {"kind": "gratuit"}, "languages": ["fr"],
  "capacity": 1, "sessionDurationMinutes": 30, "servedCommunes": ["45034", "45197"],
  "bookingRules": {"minDelayMinutes": 60},
  "schedule": {"oneOffs": [{"date": "'"$day"'", "startTime": "'"$start"'", "endTime": "'"$end"'"}], "skipPublicHolidays": false}}')
    [[ $code == 200 || $code == 201 ]] && break
    if [[ ( $code == 422 && $(cat "$OUT") == *"Lieu inconnu"* ) || $code == 000 || $code == 502 || $code == 503 ]] \
        && (( SECONDS < deadline )); then
      sleep 2
      continue
    fi
    die "PUT /api/v1/offers/$OFFER_RAPPEL_BOIGNY -> HTTP $code"
  done
  echo "PUT /api/v1/offers/$OFFER_RAPPEL_BOIGNY -> $code ($day $start-$end)"
  code=$(call POST "offers/$OFFER_RAPPEL_BOIGNY/publish")
  [[ $code == 200 ]] || die "POST /api/v1/offers/$OFFER_RAPPEL_BOIGNY/publish -> HTTP $code"
  planned=""
fi

# the permanence's id is its first slot's (booking-service plans the slots from offers.sessions.v1)
deadline=$((SECONDS + WAIT_SECONDS))
while :; do
  code=$(call GET "slots?offerId=$OFFER_RAPPEL_BOIGNY&from=$(date -u -d '+24 hours' +%Y-%m-%dT%H:%M:%SZ)&size=10")
  permanence=$( [[ $code == 200 ]] && jq -r '[.items[] | select(.status == "planned")] | first | .id // empty' "$OUT" || true)
  [[ -n $permanence ]] && break
  (( SECONDS < deadline )) || die "no slot of offer $OFFER_RAPPEL_BOIGNY after ${WAIT_SECONDS}s (GET /api/v1/slots -> $code)"
  sleep 2
done
shift_for "$permanence" "$PERSON_BENEVOLE_BOIGNY"
echo "40-staff: 4 rosters; Lou on the next Monday and Friday; Claude reminded by SMS about 5 minutes from now (SMS stub)"
