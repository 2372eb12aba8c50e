#!/usr/bin/env bash
# Demo data of the directory: partners, places and people of the territories Maillage grew from
# (Romagné and the Fougères area (35), Boigny-sur-Bionne and Marigny-les-Usages (45), the Communauté
# de communes du Val de Somme (80)). Real communes and plausible addresses and hours; the people are
# fictional and their numbers are in ARCEP's ranges reserved for fiction (01 99 00 xx xx, 06 39 98 xx xx).
# The partners' SIRETs are fictional too (14 digits passing the Luhn check, as real ones do), so that an
# export in the standard (whose "pivot" column is mandatory) can be imported elsewhere.
#
# Contract (deploy/demo/README.md): public API only, through $GATEWAY_URL; idempotent (PUT create-or-replace
# with the fixed ids of ids.env: a second run changes nothing and publishes no event); bounded waits; fails
# loudly naming the call.
set -euo pipefail

DEMO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ -n "${PLACE_ROMAGNE:-}" ]] || { set -a; source "$DEMO_DIR/ids.env"; set +a; }
GATEWAY_URL=${GATEWAY_URL:-http://127.0.0.1:8080}
AUTH=()
[[ -n "${MAILLAGE_TOKEN:-}" ]] && AUTH=(-H "Authorization: Bearer $MAILLAGE_TOKEN")

die() { echo "10-directory: $*" >&2; exit 1; }
[[ -n "${MAILLAGE_TOKEN:-}" ]] || die "MAILLAGE_TOKEN is empty: writes need an administrator's token (export MAILLAGE_TOKEN=\$(deploy/maillage token --role admin)); deploy/maillage up sets it"

# Waits (at most 60 s) until the directory answers with its communes reference loaded.
wait_directory() {
  for _ in $(seq 1 60); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "${AUTH[@]}" "$GATEWAY_URL/api/v1/communes/80212") == 200 ]]; then
      return 0
    fi
    sleep 1
  done
  die "GET $GATEWAY_URL/api/v1/communes/80212 did not answer 200 within 60 s (directory down or communes not loaded)"
}

# put <path> <json>: create-or-replace; 200 or 201 expected, anything else stops the script.
put() {
  local path=$1 body=$2 out code
  out=$(mktemp)
  code=$(curl -sS -o "$out" -w '%{http_code}' -X PUT "${AUTH[@]}" -H 'Content-Type: application/json' \
    --data-binary "$body" "$GATEWAY_URL/api/v1/$path") || { rm -f "$out"; die "PUT /api/v1/$path: connection failed"; }
  if [[ $code != 200 && $code != 201 ]]; then
    echo "PUT /api/v1/$path -> HTTP $code" >&2
    cat "$out" >&2
    echo >&2
    rm -f "$out"
    die "PUT /api/v1/$path failed"
  fi
  echo "PUT /api/v1/$path -> $code"
  rm -f "$out"
}

wait_directory

# ------------------------------------------------------------------------------------------- partners
put "partners/$PARTNER_ROMAGNE" '{
  "name": "Commune de Romagné", "typologies": ["MUNI"], "siret": "21350243000019", "programmes": ["Conseillers numériques"],
  "email": "mairie@romagne.example.org", "phone": "01 99 00 01 01"}'
put "partners/$PARTNER_MISSION_LOCALE" '{
  "name": "Mission locale du Pays de Fougères", "typologies": ["ML"], "siret": "41909876500011",
  "email": "contact@ml-fougeres.example.org", "phone": "01 99 00 01 02"}'
put "partners/$PARTNER_FRANCE_SERVICES" '{
  "name": "France Services de Fougères Agglomération", "typologies": ["MSAP"], "siret": "20032456700011", "programmes": ["France Services"],
  "email": "franceservices@fougeres-agglo.example.org", "phone": "01 99 00 01 03"}'
put "partners/$PARTNER_CCAS_BOIGNY" '{
  "name": "CCAS de Boigny-sur-Bionne", "typologies": ["CCAS"], "siret": "26450341000013", "phone": "01 99 00 01 04"}'
put "partners/$PARTNER_CCAS_MARIGNY" '{
  "name": "CCAS de Marigny-les-Usages", "typologies": ["CCAS"], "siret": "26451972000017", "phone": "01 99 00 01 05"}'
put "partners/$PARTNER_VAL_DE_SOMME" '{
  "name": "Communauté de communes du Val de Somme", "typologies": ["EPCI"], "siret": "24809999100015",
  "email": "numerique@valdesomme.example.org", "phone": "01 99 00 01 06"}'
# The public site (web module): the partner app citizens book through (bookerOrg of their bookings; MAILLAGE_WEB_ORG).
put "partners/$PARTNER_SITE_PUBLIC" '{
  "name": "Maillage – site public (démo)", "typologies": ["ASSO"], "siret": "99900007000014",
  "email": "site@maillage.example.org", "phone": "01 99 00 01 07"}'

# --------------------------------------------------------------------------------------------- places
put "places/$PLACE_ROMAGNE" '{
  "partnerId": "'"$PARTNER_ROMAGNE"'", "name": "Pôle socioculturel de Romagné",
  "address": {"street": "2 rue des Écoles", "complement": "Espace numérique, rez-de-chaussée", "postalCode": "35133", "inseeCode": "35243"},
  "latitude": 48.3443, "longitude": -1.2595,
  "openingHours": "Tu 14:00-18:00; We 09:00-12:00,14:00-18:00; Fr 14:00-18:00; Sa 09:00-12:00",
  "phone": "01 99 00 02 01", "typologies": ["MUNI"],
  "services": ["Maîtrise des outils numériques du quotidien", "Aide aux démarches administratives", "Accès internet et matériel informatique"],
  "publics": ["Seniors"], "frais": ["Gratuit"], "programmes": ["Conseillers numériques"],
  "modalitesAcces": ["Se présenter", "Téléphoner", "Prendre un RDV en ligne"],
  "modalitesAccompagnement": ["Accompagnement individuel", "Dans un atelier collectif"],
  "itinerance": "Fixe", "dateMaj": "2026-11-01"}'
put "places/$PLACE_MISSION_LOCALE" '{
  "partnerId": "'"$PARTNER_MISSION_LOCALE"'", "name": "Mission locale du Pays de Fougères – permanences jeunes",
  "address": {"street": "12 rue de la Forêt", "postalCode": "35300", "inseeCode": "35115"},
  "latitude": 48.3531, "longitude": -1.1987,
  "openingHours": "Mo-Fr 09:00-12:30,13:30-17:30", "phone": "01 99 00 02 02", "typologies": ["ML"],
  "services": ["Insertion professionnelle via le numérique", "Aide aux démarches administratives"],
  "publics": ["Jeunes"], "frais": ["Gratuit"],
  "modalitesAcces": ["Se présenter", "Téléphoner"], "modalitesAccompagnement": ["Accompagnement individuel"],
  "itinerance": "Fixe", "dateMaj": "2026-11-01"}'
put "places/$PLACE_FRANCE_SERVICES" '{
  "partnerId": "'"$PARTNER_FRANCE_SERVICES"'", "name": "France Services de Fougères",
  "address": {"street": "1 place Aristide-Briand", "postalCode": "35300", "inseeCode": "35115"},
  "latitude": 48.3508, "longitude": -1.1941,
  "openingHours": "Mo-Fr 08:30-12:30,13:30-17:30; Sa 09:00-12:00", "phone": "01 99 00 02 03", "typologies": ["MSAP"],
  "services": ["Aide aux démarches administratives", "Accès internet et matériel informatique"],
  "frais": ["Gratuit"], "programmes": ["France Services"],
  "modalitesAcces": ["Se présenter", "Téléphoner", "Prendre un RDV en ligne"],
  "modalitesAccompagnement": ["Accompagnement individuel", "En autonomie"],
  "itinerance": "Fixe", "dateMaj": "2026-11-01"}'
put "places/$PLACE_CCAS_BOIGNY" '{
  "partnerId": "'"$PARTNER_CCAS_BOIGNY"'", "name": "CCAS de Boigny-sur-Bionne – permanence numérique bénévole",
  "address": {"street": "Place de la Mairie", "postalCode": "45760", "inseeCode": "45034"},
  "latitude": 47.9331, "longitude": 2.0175,
  "openingHours": "Tu,Th 14:00-17:00", "phone": "01 99 00 02 04", "typologies": ["CCAS"],
  "services": ["Maîtrise des outils numériques du quotidien", "Aide aux démarches administratives"],
  "publics": ["Seniors"], "frais": ["Gratuit"],
  "modalitesAcces": ["Téléphoner", "Se présenter"], "modalitesAccompagnement": ["Accompagnement individuel"],
  "itinerance": "Fixe", "dateMaj": "2026-11-01"}'
put "places/$PLACE_CCAS_MARIGNY" '{
  "partnerId": "'"$PARTNER_CCAS_MARIGNY"'", "name": "CCAS de Marigny-les-Usages – permanence numérique bénévole",
  "address": {"street": "Place de l'\''Église", "postalCode": "45760", "inseeCode": "45197"},
  "latitude": 47.9576, "longitude": 2.0160,
  "openingHours": "We 09:00-12:00; Sa 10:00-12:00", "phone": "01 99 00 02 05", "typologies": ["CCAS"],
  "services": ["Maîtrise des outils numériques du quotidien", "Aide aux démarches administratives"],
  "publics": ["Seniors"], "frais": ["Gratuit"],
  "modalitesAcces": ["Téléphoner"], "modalitesAccompagnement": ["Accompagnement individuel", "Dans un atelier collectif"],
  "itinerance": "Fixe", "dateMaj": "2026-11-01"}'
# The Val de Somme's itinerant permanence starts from Corbie's town hall and serves the neighbouring
# communes, which is how small communes share one offer.
put "places/$PLACE_MAIRIE_CORBIE" '{
  "partnerId": "'"$PARTNER_VAL_DE_SOMME"'", "name": "Mairie de Corbie – permanence numérique itinérante du Val de Somme",
  "address": {"street": "Place de la République", "postalCode": "80800", "inseeCode": "80212"},
  "latitude": 49.9086, "longitude": 2.5094,
  "openingHours": "Mo-Fr 08:30-12:00,13:30-17:30", "phone": "01 99 00 02 06", "typologies": ["MUNI"],
  "services": ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"],
  "frais": ["Gratuit"], "modalitesAcces": ["Se présenter", "Téléphoner"],
  "modalitesAccompagnement": ["Accompagnement individuel"], "itinerance": "Itinérant",
  "servedCommunes": ["80212", "80799", "80338", "80036", "80112", "80234", "80412", "80774", "80785", "80458", "80159", "80411"],
  "dateMaj": "2026-11-01"}'
put "places/$PLACE_MAIRIE_VILLERS" '{
  "partnerId": "'"$PARTNER_VAL_DE_SOMME"'", "name": "Mairie de Villers-Bretonneux",
  "address": {"street": "Place du Maréchal-Foch", "postalCode": "80800", "inseeCode": "80799"},
  "latitude": 49.8681, "longitude": 2.5176,
  "openingHours": "Mo-Fr 09:00-12:00,14:00-17:00", "phone": "01 99 00 02 07", "typologies": ["MUNI"],
  "services": ["Aide aux démarches administratives"], "frais": ["Gratuit"],
  "modalitesAcces": ["Se présenter", "Téléphoner"], "modalitesAccompagnement": ["Accompagnement individuel"],
  "itinerance": "Fixe", "dateMaj": "2026-11-01"}'
put "places/$PLACE_MAIRIE_FOUILLOY" '{
  "partnerId": "'"$PARTNER_VAL_DE_SOMME"'", "name": "Mairie de Fouilloy",
  "address": {"street": "Place de la Mairie", "postalCode": "80800", "inseeCode": "80338"},
  "latitude": 49.8981, "longitude": 2.5028,
  "openingHours": "Mo,Tu,Th,Fr 09:00-12:00; We 14:00-18:00", "phone": "01 99 00 02 08", "typologies": ["MUNI"],
  "services": ["Aide aux démarches administratives"], "frais": ["Gratuit"],
  "modalitesAcces": ["Se présenter"], "modalitesAccompagnement": ["Accompagnement individuel"],
  "itinerance": "Fixe", "dateMaj": "2026-11-01"}'

# --------------------------------------------------------------------------------- people (fictional)
put "people/$PERSON_CNUM_ROMAGNE" '{
  "role": "conseiller_numerique", "firstName": "Camille", "lastName": "Démo (fictif)",
  "phone": "06 39 98 00 01", "email": "camille.demo@example.org", "notifySms": true, "notifyEmail": true,
  "placeIds": ["'"$PLACE_ROMAGNE"'"], "partnerId": "'"$PARTNER_ROMAGNE"'"}'
put "people/$PERSON_AGENT_FS" '{
  "role": "agent_france_services", "firstName": "Dominique", "lastName": "Exemple (fictif)",
  "phone": "06 39 98 00 02", "email": "dominique.exemple@example.org", "notifySms": true, "notifyEmail": true,
  "placeIds": ["'"$PLACE_FRANCE_SERVICES"'"], "partnerId": "'"$PARTNER_FRANCE_SERVICES"'"}'
put "people/$PERSON_BENEVOLE_BOIGNY" '{
  "role": "benevole", "firstName": "Claude", "lastName": "Fiction (fictif)",
  "phone": "06 39 98 00 03", "notifySms": true, "notifyEmail": false,
  "placeIds": ["'"$PLACE_CCAS_BOIGNY"'"], "partnerId": "'"$PARTNER_CCAS_BOIGNY"'"}'
put "people/$PERSON_BENEVOLE_MARIGNY" '{
  "role": "benevole", "firstName": "Sacha", "lastName": "Démo (fictif)",
  "phone": "06 39 98 00 04", "email": "sacha.demo@example.org", "notifySms": false, "notifyEmail": true,
  "placeIds": ["'"$PLACE_CCAS_MARIGNY"'"], "partnerId": "'"$PARTNER_CCAS_MARIGNY"'"}'
put "people/$PERSON_SECRETAIRE_CORBIE" '{
  "role": "agent_accueil", "firstName": "Morgane", "lastName": "Exemple (fictif)",
  "phone": "01 99 00 00 05", "email": "morgane.exemple@example.org", "notifySms": false, "notifyEmail": true,
  "placeIds": ["'"$PLACE_MAIRIE_CORBIE"'"], "partnerId": "'"$PARTNER_VAL_DE_SOMME"'"}'
put "people/$PERSON_BENEVOLE_SOMME" '{
  "role": "benevole", "firstName": "Lou", "lastName": "Fictif (fictif)",
  "phone": "06 39 98 00 06", "email": "lou.fictif@example.org", "notifySms": true, "notifyEmail": true,
  "placeIds": ["'"$PLACE_MAIRIE_CORBIE"'", "'"$PLACE_MAIRIE_VILLERS"'", "'"$PLACE_MAIRIE_FOUILLOY"'"],
  "partnerId": "'"$PARTNER_VAL_DE_SOMME"'"}'

echo "10-directory: 6 partners, 8 places, 6 people loaded"
