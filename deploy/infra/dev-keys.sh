#!/usr/bin/env bash
# Development keys, generated once per machine into $MAILLAGE_RUN/jwt (never committed):
#  - private.pem / public.pem: signing keys for the JWT bearer tokens the services verify (RS256);
#  - sealing.key: the AES-256 key (base64 of 32 random bytes) with which booking-service seals the personal data of its
#    events for notification-service (MAILLAGE_SEALING_KEY, exported by deploy/services.sh). Keep it: sealed events
#    still on the topics can only be opened with it.
# For the tokens, a real deployment points the
# services at its identity provider instead (MP_JWT_VERIFY_PUBLICKEY_LOCATION = its JWKS URL,
# MP_JWT_VERIFY_ISSUER = its issuer), see README.md "Security".
#   deploy/infra/dev-keys.sh
source "$(dirname "$0")/../lib/common.sh"

KEY_DIR=$MAILLAGE_RUN/jwt
mkdir -p "$KEY_DIR"
if [ ! -s "$KEY_DIR/private.pem" ] || [ ! -s "$KEY_DIR/public.pem" ]; then
  command -v openssl >/dev/null || apt_install openssl
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEY_DIR/private.pem" 2>>"$LOG_DIR/dev-keys.log" \
    || die "could not generate the development signing key (log: $LOG_DIR/dev-keys.log)"
  openssl pkey -in "$KEY_DIR/private.pem" -pubout -out "$KEY_DIR/public.pem" 2>>"$LOG_DIR/dev-keys.log" \
    || die "could not derive the development public key (log: $LOG_DIR/dev-keys.log)"
  chmod 600 "$KEY_DIR/private.pem"
  log "generated development JWT signing keys in $KEY_DIR"
fi
if [ ! -s "$KEY_DIR/sealing.key" ]; then
  command -v openssl >/dev/null || apt_install openssl
  (umask 077 && openssl rand -base64 32 > "$KEY_DIR/sealing.key.tmp") 2>>"$LOG_DIR/dev-keys.log" \
    || die "could not generate the development sealing key (log: $LOG_DIR/dev-keys.log)"
  mv "$KEY_DIR/sealing.key.tmp" "$KEY_DIR/sealing.key"
  log "generated the development sealing key in $KEY_DIR/sealing.key"
fi
