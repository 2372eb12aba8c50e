#!/usr/bin/env bash
# Demo data of the territory indicators (issue 20): in the Somme demo (CC du Val de Somme, EPCI 248000499, and a few
# residents of Amiens Métropole, 248000531; département 80), bookings whose people say where they live, so that the
# coordinator (coordination.somme, /territoire) sees real figures: at least 5 people in Corbie, Villers-Bretonneux and
# Fouilloy, 1 to 4 elsewhere (shown « moins de 5 »), people present and absent, cancellations, a full atelier that
# refuses people (no waiting list), people left on a waiting list, referrals and what came of them.
#
# - « Atelier : mes démarches en ligne » (offer …0309, mairie de Corbie, 12 seats, waiting list): a session starting
#   about 45 seconds after this script first runs — 12 people booked and 3 on the waiting list before it starts, then,
#   once it has started, 7 marked present and 5 absent (the 3 waiting are left on the list) — and a session in 6 days
#   where 13 more book (the last one waits, then takes a freed seat) and 5 cancel. This script therefore waits up to a minute, once, for that session to begin: the
#   only way to record presence through the API (booking-service notes it once the slot has started).
# - « Atelier : créer son adresse e-mail » (offer …0310, mairie de Fouilloy, 3 seats, no waiting list) in 4 days: full,
#   then 5 people refused (BookingRefused).
# - 8 referrals from the CC du Val de Somme to the CCAS de Corbie (partner …0008, created here), with their outcomes.
# People are fictional and have no contact (booked « at the desk » by the territory administrator: no SMS or e-mail is
# sent); each has a fixed demo key in its last name (« Démo-T01 »…, referrals « Démo-O01 »…).
#
# Contract (deploy/demo/README.md): public API only, through $GATEWAY_URL; idempotent: the offers are created and
# published once (never re-planned, so a later run leaves their sessions as they were), each booking or referral is
# created only when its key is not there yet, presence and outcomes are set again to the same values, people are
# refused only in the run that filled the small atelier; bounded waits (offers and booking learn places, partners and
# sessions from Kafka); fails loudly naming the call.
set -euo pipefail

DEMO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ -n "${OFFER_ATELIER_DEMARCHES_SOMME:-}" ]] || { set -a; source "$DEMO_DIR/ids.env"; set +a; }
[[ -n "${OFFER_ATELIER_DEMARCHES_SOMME:-}" ]] || { echo "50-territory: ids.env not found" >&2; exit 1; }
GATEWAY_URL=${GATEWAY_URL:-http://127.0.0.1:8080}
WAIT_SECONDS=${WAIT_SECONDS:-120}
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
die() { echo "50-territory: $*" >&2; cat "$OUT" >&2 2>/dev/null; echo >&2; exit 1; }
[[ -n "${MAILLAGE_TOKEN:-}" ]] || die "MAILLAGE_TOKEN is empty: writes need an administrator's token (export MAILLAGE_TOKEN=\$(deploy/maillage token --role admin)); deploy/maillage up sets it"
AUTH=(-H "Authorization: Bearer $MAILLAGE_TOKEN")
command -v jq >/dev/null || die "jq is needed"

# call <method> <path> [json]: prints the HTTP code, the body goes to $OUT. A 429 (booking creation is limited per
# caller, 5/s) is waited out and retried.
call() {
  local method=$1 path=$2 body=${3:-} code attempt
  local args=(-sS -o "$OUT" -w '%{http_code}' -X "$method" "${AUTH[@]}")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    code=$(curl "${args[@]}" "$GATEWAY_URL/api/v1/$path" 2>/dev/null) || true
    [[ ${code:-000} == 429 ]] || break
    sleep 1
  done
  echo "${code:-000}"
}

# ------------------------------------------------------------------------------------------ the receiving structure
code=$(call PUT "partners/$PARTNER_CCAS_CORBIE" '{
  "name": "CCAS de Corbie", "typologies": ["CCAS"], "phone": "01 99 00 01 08"}')
[[ $code == 200 || $code == 201 ]] || die "PUT /api/v1/partners/$PARTNER_CCAS_CORBIE -> HTTP $code"

# ------------------------------------------------------------------------------------------ the two ateliers (once)
now=$(date +%s)
# The session that starts soon: 45 s ahead (a time with seconds), 45 minutes long; too close to midnight (it must end
# the same day), it is planned tomorrow at 09:00 and presence is not recorded by this run.
t0=$((now + 45))
if [[ $(TZ=Europe/Paris date -d "@$t0" +%Y-%m-%d) != $(TZ=Europe/Paris date -d "@$((t0 + 2700))" +%Y-%m-%d) ]]; then
  t0=$(TZ=Europe/Paris date -d "tomorrow 09:00" +%s)
fi
day0=$(TZ=Europe/Paris date -d "@$t0" +%Y-%m-%d)
start0=$(TZ=Europe/Paris date -d "@$t0" +%H:%M:%S)
end0=$(TZ=Europe/Paris date -d "@$((t0 + 2700))" +%H:%M:%S)
day6=$(TZ=Europe/Paris date -d "+6 days" +%Y-%m-%d)
day4=$(TZ=Europe/Paris date -d "+4 days" +%Y-%m-%d)

# offer_once <id> <json>: creates and publishes the offer unless it exists (then left as it is: no re-planning).
offer_once() {
  local id=$1 body=$2 deadline=$((SECONDS + WAIT_SECONDS))
  code=$(call GET "offers/$id")
  if [[ $code == 200 ]]; then
    if [[ $(jq -r '.status' "$OUT") != published ]]; then
      code=$(call POST "offers/$id/publish")
      [[ $code == 200 ]] || die "POST /api/v1/offers/$id/publish -> HTTP $code"
    fi
    echo "offer $id already there"
    return 1
  fi
  # anything but « not found » (a service still starting…) must not lead to a PUT that would re-plan an existing offer
  [[ $code == 404 ]] || die "GET /api/v1/offers/$id -> HTTP $code"
  while :; do
    code=$(call PUT "offers/$id" "$body")
    [[ $code == 200 || $code == 201 ]] && break
    if [[ ( $code == 422 && $(cat "$OUT") == *"inconnu"* ) || $code == 000 || $code == 502 || $code == 503 ]] \
        && (( SECONDS < deadline )); then
      sleep 2
      continue
    fi
    die "PUT /api/v1/offers/$id -> HTTP $code"
  done
  code=$(call POST "offers/$id/publish")
  [[ $code == 200 ]] || die "POST /api/v1/offers/$id/publish -> HTTP $code"
  echo "offer $id published"
}

RULES='"bookingRules": {"minDelayMinutes": 0, "cancelUntilMinutes": 0, "rescheduleUntilMinutes": 0, "waitingList": WAITING}'
offer_once "$OFFER_ATELIER_DEMARCHES_SOMME" '{
  "placeId": "'"$PLACE_MAIRIE_CORBIE"'", "partnerId": "'"$PARTNER_VAL_DE_SOMME"'",
  "title": "Atelier : mes démarches en ligne",
  "description": "En petit groupe : créer son compte, déclarer ses revenus, prendre rendez-vous en ligne.",
  "type": "atelier_collectif", "themes": ["aide_demarches", "impots"], "publics": ["tout_public"],
  "level": "debutant", "modality": "sur_place", "fees": {"kind": "gratuit"}, "languages": ["fr"],
  "capacity": 12, "sessionDurationMinutes": 45, '"${RULES/WAITING/true}"',
  "schedule": {"oneOffs": [{"date": "'"$day0"'", "startTime": "'"$start0"'", "endTime": "'"$end0"'"},
                           {"date": "'"$day6"'", "startTime": "14:00", "endTime": "14:45"}], "skipPublicHolidays": false}}' || true
offer_once "$OFFER_ATELIER_COMPLET_SOMME" '{
  "placeId": "'"$PLACE_MAIRIE_FOUILLOY"'", "partnerId": "'"$PARTNER_VAL_DE_SOMME"'",
  "title": "Atelier : créer son adresse e-mail",
  "description": "Trois places : une adresse e-mail à soi, pour recevoir les messages des services publics.",
  "type": "atelier_collectif", "themes": ["aide_demarches", "messagerie"], "publics": ["tout_public"],
  "level": "debutant", "modality": "sur_place", "fees": {"kind": "gratuit"}, "languages": ["fr"],
  "capacity": 3, "sessionDurationMinutes": 90, '"${RULES/WAITING/false}"',
  "schedule": {"oneOffs": [{"date": "'"$day4"'", "startTime": "10:00", "endTime": "11:30"}], "skipPublicHolidays": false}}' || true

# slots <offer> <count>: the offer's slots (id and start, by start) once booking-service has them (bounded wait).
slots() {
  local offer=$1 count=$2 deadline=$((SECONDS + WAIT_SECONDS))
  local from=2000-01-01T00:00:00Z
  while :; do
    code=$(call GET "slots?offerId=$offer&from=$from&size=10")
    if [[ $code == 200 ]] && (( $(jq '.items | length' "$OUT") >= count )); then
      jq -r '.items | sort_by(.start) | .[] | "\(.id) \(.start)"' "$OUT"
      return
    fi
    (( SECONDS < deadline )) || die "fewer than $count slots of offer $offer after ${WAIT_SECONDS}s (GET /api/v1/slots -> $code)"
    sleep 1
  done
}
LIST=$(mktemp)
trap 'rm -f "$OUT" "$LIST"' EXIT
slots "$OFFER_ATELIER_DEMARCHES_SOMME" 2 >"$LIST"
mapfile -t atelier_slots <"$LIST"
slots "$OFFER_ATELIER_COMPLET_SOMME" 1 >"$LIST"
mapfile -t small_slots <"$LIST"
SOON=${atelier_slots[0]%% *}; SOON_START=${atelier_slots[0]#* }
LATER=${atelier_slots[1]%% *}
SMALL=${small_slots[0]%% *}

# ------------------------------------------------------------------------------------------ bookings
# existing <offer>: "key id status" of the offer's bookings made by this script (key = the person's last name).
existing() {
  code=$(call GET "bookings?offerId=$1&size=100")
  [[ $code == 200 ]] || die "GET /api/v1/bookings?offerId=$1 -> HTTP $code"
  jq -r '.items[] | select(.person.lastName != null and (.person.lastName | startswith("Démo-T"))) | "\(.person.lastName) \(.id) \(.status)"' "$OUT"
}
declare -A BOOKING STATUS
load_existing() {
  local key id status
  existing "$OFFER_ATELIER_DEMARCHES_SOMME" >"$LIST"
  existing "$OFFER_ATELIER_COMPLET_SOMME" >>"$LIST"
  while read -r key id status; do
    [[ -n $key ]] || continue
    BOOKING[$key]=$id; STATUS[$key]=$status
  done <"$LIST"
}
load_existing

# book <key> <first name> <slot> <residence INSEE> <expected status>: the booking, unless the key is there already.
book() {
  local key=$1 first=$2 slot=$3 residence=$4 expected=$5
  if [[ -n ${BOOKING[$key]:-} ]]; then
    return 0
  fi
  code=$(call POST bookings '{"slotId": "'"$slot"'", "bookedBy": "agent", "partnerId": "'"$PARTNER_VAL_DE_SOMME"'",
    "person": {"firstName": "'"$first"'", "lastName": "'"$key"'", "residenceInsee": "'"$residence"'"},
    "need": {"theme": "aide_demarches", "text": "Démarches en ligne"}}')
  if [[ $code == 422 && ( $(cat "$OUT") == *"déjà passé"* || $(cat "$OUT") == *"au plus tard"* ) ]]; then
    echo "  $key: the session has begun, not booked"
    return 0
  fi
  [[ $code == 201 ]] || die "POST /api/v1/bookings ($key) -> HTTP $code"
  BOOKING[$key]=$(jq -r '.id' "$OUT"); STATUS[$key]=$(jq -r '.status' "$OUT")
  [[ ${STATUS[$key]} == "$expected" ]] || echo "  $key: $expected expected, booking-service says ${STATUS[$key]}"
}

CORBIE=80212; FOUILLOY=80338; VILLERS=80799; DAOURS=80234; AUBIGNY=80036; AMIENS=80021; CAMON=80164; QUERRIEU=80650

# the session starting soon: 12 booked, 3 waiting (before it starts)
book Démo-T01 Aline "$SOON" $CORBIE confirmed;    book Démo-T02 Bernard "$SOON" $CORBIE confirmed
book Démo-T03 Chantal "$SOON" $CORBIE confirmed;  book Démo-T04 Didier "$SOON" $CORBIE confirmed
book Démo-T05 Évelyne "$SOON" $CORBIE confirmed;  book Démo-T06 Fernand "$SOON" $CORBIE confirmed
book Démo-T07 Gisèle "$SOON" $FOUILLOY confirmed; book Démo-T08 Henri "$SOON" $FOUILLOY confirmed
book Démo-T09 Irène "$SOON" $FOUILLOY confirmed;  book Démo-T10 Jacques "$SOON" $VILLERS confirmed
book Démo-T11 Karine "$SOON" $VILLERS confirmed;  book Démo-T12 Lucien "$SOON" $AMIENS confirmed
book Démo-T13 Monique "$SOON" $CORBIE waitlisted; book Démo-T14 Nadine "$SOON" $VILLERS waitlisted
book Démo-T15 Odile "$SOON" $VILLERS waitlisted
# the session in 6 days: 13 book (the 13th waits until a cancellation frees a seat), 5 of them cancel
book Démo-T16 Pascal "$LATER" $CORBIE confirmed;  book Démo-T17 Quentin "$LATER" $CORBIE confirmed
book Démo-T18 Rosine "$LATER" $CORBIE confirmed;  book Démo-T19 Serge "$LATER" $CORBIE confirmed
book Démo-T20 Thérèse "$LATER" $CORBIE confirmed; book Démo-T21 Ulysse "$LATER" $VILLERS confirmed
book Démo-T22 Valérie "$LATER" $VILLERS confirmed; book Démo-T23 William "$LATER" $VILLERS confirmed
book Démo-T24 Xavière "$LATER" $VILLERS confirmed; book Démo-T25 Yvon "$LATER" $FOUILLOY confirmed
book Démo-T26 Zoé "$LATER" $DAOURS confirmed;     book Démo-T27 Armand "$LATER" $QUERRIEU confirmed
book Démo-T28 Blanche "$LATER" $CAMON waitlisted
for key in Démo-T19 Démo-T20 Démo-T23 Démo-T24 Démo-T25; do
  if [[ ${STATUS[$key]:-} == confirmed ]]; then
    code=$(call POST "bookings/${BOOKING[$key]}/cancel" '{"cancelledBy": "citizen", "reason": "Empêchement (démo)"}')
    [[ $code == 200 ]] || die "POST /api/v1/bookings/${BOOKING[$key]}/cancel ($key) -> HTTP $code"
    STATUS[$key]=cancelled_by_citizen
  fi
done
# the small atelier: full with 3, then 5 people refused — only in the run that filled it (a refusal leaves no booking
# to recognise it by, so a later run must not ask again)
full_now=0
[[ -n ${BOOKING[Démo-T31]:-} ]] || full_now=1
book Démo-T29 Céline "$SMALL" $FOUILLOY confirmed; book Démo-T30 Denis "$SMALL" $CORBIE confirmed
book Démo-T31 Élise "$SMALL" $VILLERS confirmed
refused=0
if (( full_now )); then
  for who in "Fabrice $CORBIE" "Gaëlle $CORBIE" "Hugo $VILLERS" "Inès $FOUILLOY" "Jules $AUBIGNY"; do
    code=$(call POST bookings '{"slotId": "'"$SMALL"'", "bookedBy": "agent", "partnerId": "'"$PARTNER_VAL_DE_SOMME"'",
      "person": {"firstName": "'"${who% *}"'", "lastName": "Démo-refus", "residenceInsee": "'"${who#* }"'"},
      "need": {"theme": "aide_demarches", "text": "Adresse e-mail"}}')
    [[ $code == 409 ]] || die "POST /api/v1/bookings (refused because full) -> HTTP $code, 409 expected"
    refused=$((refused + 1))
  done
fi
echo "bookings: ${#BOOKING[@]} of the demo's 31, $refused refused because full in this run"

# ------------------------------------------------------------------------------------------ referrals
declare -A REFERRAL OUTCOME
: >"$LIST"
for page in $(seq 0 49); do
  code=$(call GET "referrals?size=100&page=$page")
  [[ $code == 200 ]] || die "GET /api/v1/referrals?page=$page -> HTTP $code"
  jq -r '.items[] | select(.person.lastName != null and (.person.lastName | startswith("Démo-O"))) | "\(.person.lastName) \(.id) \(.status)"' "$OUT" >>"$LIST"
  (( $(jq '.items | length' "$OUT") == 100 )) || break
done
while read -r key id status; do
  [[ -n $key ]] && { REFERRAL[$key]=$id; OUTCOME[$key]=$status; }
done <"$LIST"

# refer <key> <first name> <residence> <outcome or "">: the referral (once), then its outcome (set again if different).
refer() {
  local key=$1 first=$2 residence=$3 outcome=$4 deadline=$((SECONDS + WAIT_SECONDS))
  if [[ -z ${REFERRAL[$key]:-} ]]; then
    while :; do
      code=$(call POST referrals '{"fromPartnerId": "'"$PARTNER_VAL_DE_SOMME"'", "targetPartnerId": "'"$PARTNER_CCAS_CORBIE"'",
        "person": {"firstName": "'"$first"'", "lastName": "'"$key"'", "residenceInsee": "'"$residence"'"},
        "need": "aide_demarches", "note": "Dossier d'\''aide sociale à constituer (démo)"}')
      [[ $code == 201 ]] && break
      # booking-service learns the CCAS from the directory's events: « inconnue de l'annuaire » until then
      if [[ ( $code == 422 && $(cat "$OUT") == *"inconnue"* ) || $code == 000 || $code == 502 || $code == 503 ]] \
          && (( SECONDS < deadline )); then
        sleep 1
        continue
      fi
      die "POST /api/v1/referrals ($key) -> HTTP $code"
    done
    REFERRAL[$key]=$(jq -r '.id' "$OUT"); OUTCOME[$key]=$(jq -r '.status' "$OUT")
  fi
  if [[ -n $outcome && ${OUTCOME[$key]} != "$outcome" ]]; then
    code=$(call POST "referrals/${REFERRAL[$key]}/outcome" '{"outcome": "'"$outcome"'"}')
    [[ $code == 200 ]] || die "POST /api/v1/referrals/${REFERRAL[$key]}/outcome ($key) -> HTTP $code"
  fi
}
refer Démo-O01 Kevin $CORBIE attended;      refer Démo-O02 Laure $CORBIE attended
refer Démo-O03 Marcel $CORBIE attended;     refer Démo-O04 Nathalie $CORBIE attended
refer Démo-O05 Olivier $CORBIE no_show;     refer Démo-O06 Pauline $FOUILLOY attended
refer Démo-O07 Raymond $FOUILLOY redirected; refer Démo-O08 Sophie $VILLERS ""
echo "referrals: ${#REFERRAL[@]} to the CCAS de Corbie"

# ------------------------------------------------------------------------------------------ presence, once begun
start_epoch=$(date -d "$SOON_START" +%s)
if (( start_epoch > $(date +%s) + 90 )); then
  echo "the atelier starts at $SOON_START: presence will be noted by a later run"
  exit 0
fi
while (( $(date +%s) <= start_epoch )); do sleep 1; done
present=0; absent=0
for key in Démo-T01 Démo-T02 Démo-T03 Démo-T04 Démo-T05 Démo-T06 Démo-T07 Démo-T08 Démo-T09 Démo-T10 Démo-T11 Démo-T12; do
  [[ -n ${BOOKING[$key]:-} ]] || continue
  case $key in Démo-T05|Démo-T06|Démo-T08|Démo-T09|Démo-T11) attended=false ;; *) attended=true ;; esac
  code=$(call POST "bookings/${BOOKING[$key]}/attendance" '{"attended": '"$attended"'}')
  [[ $code == 200 ]] || die "POST /api/v1/bookings/${BOOKING[$key]}/attendance ($key) -> HTTP $code"
  if [[ $attended == true ]]; then present=$((present + 1)); else absent=$((absent + 1)); fi
done
echo "50-territory: the atelier of $SOON_START: $present present, $absent absent, 3 left on the waiting list"
