#!/usr/bin/env bash
# Demo data of offers-service: the offers held at the directory's demo places (see 10-directory.sh),
# with their schedules (RFC 5545 rules, Europe/Paris, French public holidays skipped) and staff.
#
# Contract (deploy/demo/README.md): public API only, through $GATEWAY_URL; idempotent (PUT create-or-replace
# with the fixed ids of ids.env, then publish, which is a no-op when already published: a second run changes
# nothing and publishes no event); waits (bounded) until offers-service has consumed the directory's places
# (422 "Lieu inconnu" while its read model catches up); fails loudly naming the call.
set -euo pipefail

DEMO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ -n "${OFFER_CNUM_ROMAGNE:-}" ]] || { set -a; source "$DEMO_DIR/ids.env"; set +a; }
GATEWAY_URL=${GATEWAY_URL:-http://127.0.0.1:8080}
WAIT_SECONDS=${WAIT_SECONDS:-120}
AUTH=()
[[ -n "${MAILLAGE_TOKEN:-}" ]] && AUTH=(-H "Authorization: Bearer $MAILLAGE_TOKEN")
# A fixed first date keeps the bodies identical from one run to the next (sessions are only planned ahead).
START=2026-11-02

die() { echo "20-offers: $*" >&2; exit 1; }
[[ -n "${MAILLAGE_TOKEN:-}" ]] || die "MAILLAGE_TOKEN is empty: writes need an administrator's token (export MAILLAGE_TOKEN=\$(deploy/maillage token --role admin)); deploy/maillage up sets it"

# call <method> <path> [json]: prints the HTTP code, the body goes to $OUT.
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
call() {
  local method=$1 path=$2 body=${3:-}
  local args=(-sS -o "$OUT" -w '%{http_code}' -X "$method" "${AUTH[@]}")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  local code
  # On a connection failure curl prints 000 itself and exits non-zero.
  code=$(curl "${args[@]}" "$GATEWAY_URL/api/v1/$path" 2>/dev/null) || true
  echo "${code:-000}"
}

# offer <id> <json>: PUT (retrying while the places are not yet in the read model), then publish.
offer() {
  local id=$1 body=$2 code deadline=$((SECONDS + WAIT_SECONDS))
  while :; do
    code=$(call PUT "offers/$id" "$body")
    [[ $code == 200 || $code == 201 ]] && break
    if [[ ( $code == 422 && $(cat "$OUT") == *"Lieu inconnu"* ) || $code == 000 || $code == 502 || $code == 503 ]] \
        && (( SECONDS < deadline )); then
      sleep 2
      continue
    fi
    echo "PUT /api/v1/offers/$id -> HTTP $code" >&2
    cat "$OUT" >&2; echo >&2
    die "PUT /api/v1/offers/$id failed"
  done
  echo "PUT /api/v1/offers/$id -> $code"
  code=$(call POST "offers/$id/publish")
  if [[ $code != 200 ]]; then
    echo "POST /api/v1/offers/$id/publish -> HTTP $code" >&2
    cat "$OUT" >&2; echo >&2
    die "POST /api/v1/offers/$id/publish failed"
  fi
  echo "POST /api/v1/offers/$id/publish -> $code"
}

# rule <rrule> <start time> <end time> [place id]
rule() {
  local place=""
  [[ -n ${4:-} ]] && place=', "placeId": "'"$4"'"'
  echo '{"rrule": "'"$1"'", "startDate": "'"$START"'", "startTime": "'"$2"'", "endTime": "'"$3"'"'"$place"'}'
}

# ------------------------------------------------------------------------------------ Romagné (35)
offer "$OFFER_CNUM_ROMAGNE" '{
  "placeId": "'"$PLACE_ROMAGNE"'", "partnerId": "'"$PARTNER_ROMAGNE"'",
  "title": "Permanence du conseiller numérique",
  "description": "Un rendez-vous individuel pour vos démarches en ligne, votre messagerie ou votre espace santé. Apportez vos identifiants et votre téléphone.",
  "type": "permanence_individuelle",
  "themes": ["aide_demarches", "outils_quotidien", "impots", "sante", "caf", "messagerie"],
  "publics": ["tout_public"], "level": "tous_niveaux", "modality": "sur_place",
  "fees": {"kind": "gratuit", "passNumerique": true}, "languages": ["fr"],
  "capacity": 1, "sessionDurationMinutes": 45,
  "staffIds": ["'"$PERSON_CNUM_ROMAGNE"'"], "servedCommunes": ["35243"],
  "schedule": {"rules": ['"$(rule 'FREQ=WEEKLY;BYDAY=WE' 09:00 12:00)"'], "skipPublicHolidays": true}}'

offer "$OFFER_ATELIER_SMARTPHONE" '{
  "placeId": "'"$PLACE_ROMAGNE"'", "partnerId": "'"$PARTNER_ROMAGNE"'",
  "title": "Atelier smartphone : bien démarrer",
  "description": "Un samedi par mois, en petit groupe : réglages, photos, appels en visio avec la famille, repérer les arnaques.",
  "type": "atelier_collectif",
  "themes": ["smartphone", "visio_famille", "securite_arnaques"],
  "publics": ["seniors"], "level": "debutant", "modality": "sur_place",
  "fees": {"kind": "gratuit", "passNumerique": true}, "languages": ["fr"], "accessibility": ["Salle de plain-pied"],
  "capacity": 8, "sessionDurationMinutes": 120,
  "staffIds": ["'"$PERSON_CNUM_ROMAGNE"'"], "servedCommunes": ["35243"],
  "bookingRules": {"minDelayMinutes": 1440, "maxDelayDays": 90, "waitingList": true, "reminderOffsetsMinutes": [2880, 120]},
  "schedule": {"rules": ['"$(rule 'FREQ=MONTHLY;BYDAY=1SA' 09:30 11:30)"']}}'

# ---------------------------------------------------------------------------------- Fougères (35)
offer "$OFFER_MISSION_LOCALE" '{
  "placeId": "'"$PLACE_MISSION_LOCALE"'", "partnerId": "'"$PARTNER_MISSION_LOCALE"'",
  "title": "Permanence jeunes : emploi et démarches en ligne",
  "description": "Pour les 16-25 ans : espace France Travail, CV en ligne, candidatures, Pass numérique.",
  "type": "permanence_individuelle",
  "themes": ["insertion_pro", "france_travail", "aide_demarches"],
  "publics": ["jeunes", "demandeurs_emploi"], "level": "tous_niveaux", "modality": "sur_place",
  "fees": {"kind": "gratuit"}, "languages": ["fr", "en"],
  "capacity": 1, "sessionDurationMinutes": 60, "servedCommunes": ["35115", "35243"],
  "bookingRules": {"allowedBookers": ["citizen", "agent"], "minDelayMinutes": 60},
  "schedule": {"rules": ['"$(rule 'FREQ=WEEKLY;BYDAY=MO,TH' 14:00 17:00)"']}}'

offer "$OFFER_FRANCE_SERVICES" '{
  "placeId": "'"$PLACE_FRANCE_SERVICES"'", "partnerId": "'"$PARTNER_FRANCE_SERVICES"'",
  "title": "Aide aux démarches administratives en ligne",
  "description": "Impôts, CAF, ANTS (carte grise, permis, titres), ameli : un agent France Services vous accompagne pas à pas.",
  "type": "aide_ponctuelle",
  "themes": ["aide_demarches", "impots", "caf", "ants", "sante"],
  "publics": ["tout_public"], "level": "tous_niveaux", "modality": "sur_place",
  "fees": {"kind": "gratuit"}, "languages": ["fr"], "accessibility": ["Accessible en fauteuil roulant", "Boucle magnétique"],
  "capacity": 1, "sessionDurationMinutes": 30,
  "staffIds": ["'"$PERSON_AGENT_FS"'"], "servedCommunes": ["35115", "35243"],
  "schedule": {"rules": ['"$(rule 'FREQ=WEEKLY;BYDAY=TU,TH' 09:00 12:00)"']}}'

# ------------------------------------------------------------------------ Orléans Métropole (45)
offer "$OFFER_CCAS_BOIGNY" '{
  "placeId": "'"$PLACE_CCAS_BOIGNY"'", "partnerId": "'"$PARTNER_CCAS_BOIGNY"'",
  "title": "Permanence numérique bénévole du CCAS",
  "description": "Un bénévole vous aide avec votre ordinateur, votre messagerie ou un appel vidéo avec vos proches.",
  "type": "permanence_individuelle",
  "themes": ["outils_quotidien", "messagerie", "visio_famille"],
  "publics": ["seniors"], "level": "debutant", "modality": "sur_place",
  "fees": {"kind": "gratuit"}, "languages": ["fr"],
  "capacity": 1, "sessionDurationMinutes": 60,
  "staffIds": ["'"$PERSON_BENEVOLE_BOIGNY"'"], "servedCommunes": ["45034", "45197"],
  "schedule": {"rules": ['"$(rule 'FREQ=WEEKLY;BYDAY=TU' 14:00 17:00)"']}}'

offer "$OFFER_CCAS_MARIGNY" '{
  "placeId": "'"$PLACE_CCAS_MARIGNY"'", "partnerId": "'"$PARTNER_CCAS_MARIGNY"'",
  "title": "Permanence numérique bénévole du samedi",
  "description": "Un samedi sur deux : aide aux démarches simples, messagerie, sécurité en ligne.",
  "type": "permanence_individuelle",
  "themes": ["outils_quotidien", "aide_demarches", "securite_arnaques"],
  "publics": ["tout_public"], "level": "debutant", "modality": "sur_place",
  "fees": {"kind": "gratuit"}, "languages": ["fr"],
  "capacity": 1, "sessionDurationMinutes": 60,
  "staffIds": ["'"$PERSON_BENEVOLE_MARIGNY"'"], "servedCommunes": ["45197", "45034"],
  "schedule": {"rules": ['"$(rule 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA' 10:00 12:00)"']}}'

# ---------------------------------------------------------------------------------- Val de Somme (80)
offer "$OFFER_ITINERANTE_SOMME" '{
  "placeId": "'"$PLACE_MAIRIE_CORBIE"'", "partnerId": "'"$PARTNER_VAL_DE_SOMME"'",
  "title": "Permanence numérique itinérante du Val de Somme",
  "description": "La même permanence tourne entre trois mairies : Corbie le lundi matin, Fouilloy le mercredi après-midi, Villers-Bretonneux le vendredi matin.",
  "type": "permanence_individuelle",
  "themes": ["aide_demarches", "outils_quotidien", "transports", "impots"],
  "publics": ["tout_public"], "level": "tous_niveaux", "modality": "itinerant",
  "fees": {"kind": "gratuit", "passNumerique": true}, "languages": ["fr"],
  "capacity": 1, "sessionDurationMinutes": 45,
  "staffIds": ["'"$PERSON_BENEVOLE_SOMME"'", "'"$PERSON_SECRETAIRE_CORBIE"'"],
  "servedCommunes": ["80212", "80799", "80338"],
  "schedule": {"rules": [
    '"$(rule 'FREQ=WEEKLY;BYDAY=MO' 09:00 12:00 "$PLACE_MAIRIE_CORBIE")"',
    '"$(rule 'FREQ=WEEKLY;BYDAY=WE' 14:00 17:00 "$PLACE_MAIRIE_FOUILLOY")"',
    '"$(rule 'FREQ=WEEKLY;BYDAY=FR' 09:00 12:00 "$PLACE_MAIRIE_VILLERS")"']}}'

echo "20-offers: 7 offers published"
