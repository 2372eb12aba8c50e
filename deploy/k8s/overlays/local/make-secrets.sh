#!/usr/bin/env bash
# Writes the local overlay's credentials under deploy/k8s/overlays/local/secrets/ (git-ignored), once: random
# database passwords (Keycloak's too), the key of booking's contact hashes, the SMS callback secret, the webhook secrets key,
# the key sealing personal data in events, Keycloak's administrator password and the web module's OIDC client secret (the
# demo realm's development secret, deploy/keycloak/maillage-realm.json), so that no credential of even the trial
# cluster lives in git.
# Run before `kubectl apply -k deploy/k8s/overlays/local` (deploy/k8s/check.sh runs it to render the overlay).
source "$(dirname "$0")/../../../lib/common.sh"

dir=$DEPLOY_DIR/k8s/overlays/local/secrets
mkdir -p "$dir"
chmod 700 "$dir"
random() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32; }
for svc in "${SERVICES[@]}" keycloak; do
  f=$dir/db-$svc.env
  [ -s "$f" ] || printf 'username=%s\npassword=%s\n' "$svc" "$(random)" > "$f"
done
# The key of booking-service's contact hashes, also written into a secrets directory made before it existed. Keep it once
# written: the hashes of stored bookings are only comparable under the same key.
f=$dir/booking.env
[ -s "$f" ] || printf 'contact-hash-key=%s\n' "$(head -c 32 /dev/urandom | base64 -w0)" > "$f"
f=$dir/notification.env
[ -s "$f" ] || printf 'sms-api-key=\nsms-callback-secret=%s\nmailer-password=\n' "$(random)" > "$f"
# The key encrypting webhook secrets at rest (base64 of 32 bytes), also added to a file written before it existed:
# without it the pod would not start. Keep it once written: secrets encrypted with it need it to be read.
grep -q '^webhook-secret-key=' "$f" || printf 'webhook-secret-key=%s\n' "$(head -c 32 /dev/urandom | base64 -w0)" >> "$f"
# The key sealing personal data in booking's events for notification-service (base64 of 32 bytes). Keep it once written:
# sealed events still on the topics need it to be opened.
f=$dir/sealing.env
[ -s "$f" ] || printf 'sealing-key=%s\n' "$(head -c 32 /dev/urandom | base64 -w0)" > "$f"
f=$dir/keycloak-admin.env
[ -s "$f" ] || printf 'password=%s\n' "$(random)" > "$f"
# The demo realm's secret of client maillage-web (the realm file is imported as it is: a trial cluster's demo).
command -v jq >/dev/null || apt_install jq
oidc=$(jq -r '.clients[] | select(.clientId == "maillage-web") | .secret // empty' "$DEPLOY_DIR/keycloak/maillage-realm.json") \
  || die "could not read client maillage-web's secret from deploy/keycloak/maillage-realm.json"
[ -n "$oidc" ] || die "deploy/keycloak/maillage-realm.json has no secret for client maillage-web"
printf 'oidc-secret=%s\n' "$oidc" > "$dir/web.env"
rm -f "$dir/jwt-public.pem" "$dir/web-jwt-private.pem"
chmod 600 "$dir"/*
ok "local overlay credentials in $dir (git-ignored)"
