#!/usr/bin/env bash
# The four Maillage services, then the web module (citizen pages), started from their packaged jars
# (<svc>-service/target/quarkus-app, web/target/quarkus-app).
#   deploy/services.sh start|stop|status [service|web ...]   (no name: the four services, then web; stop: web first)
source "$(dirname "$0")/lib/common.sh"

# JVM options of every service and web: deploy/jvm.options (a java @argfile), the same options as the Kubernetes
# manifests' JAVA_OPTS_APPEND; SERVICE_JAVA_OPTS replaces them, MAILLAGE_JAVA_OPTS adds to them.
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-@$DEPLOY_DIR/jvm.options}

# Readiness on the service's management port (health, metrics, OpenAPI and Swagger UI are served there only).
# web is ready only once the gateway answers the API (started after this script): its start waits for liveness.
health_up() {
  if [ "$1" = "$WEB" ]; then
    curl -fsS --max-time 5 "http://127.0.0.1:${MANAGEMENT_PORT[$1]}/q/health/live" 2>/dev/null | grep -q '"status" *: *"UP"'
  else
    service_health_ready "${MANAGEMENT_PORT[$1]}" "${SERVICE_PORT[$1]}"
  fi
}

# The environment of one service in the local run:
#  - API and management interfaces bound to 127.0.0.1 (QUARKUS_HTTP_HOST, QUARKUS_MANAGEMENT_HOST): only the gateway
#    (and this machine) reach them; the management port is the service's own (MANAGEMENT_PORT in lib/common.sh);
#  - tokens verified against the local Keycloak (deploy/infra/keycloak.sh): its realm's JWKS
#    (MP_JWT_VERIFY_PUBLICKEY_LOCATION) and issuer (MP_JWT_VERIFY_ISSUER = $MAILLAGE_ISSUER, lib/common.sh); the realm
#    signs with this run's development key (deploy/infra/dev-keys.sh), so `deploy/maillage token` tokens verify too.
#    Set both to use another identity provider;
#  - booking and notification get the key sealing personal data in events (MAILLAGE_SEALING_KEY, from
#    $MAILLAGE_RUN/jwt/sealing.key unless set);
#  - the rate limits are the services' (maillage.rate-limit.*, MAILLAGE_RATE_LIMIT_* passed through as set, e.g. by
#    deploy/maillage bench); the gateway (127.0.0.1) is their trusted proxy (MAILLAGE_TRUSTED_PROXIES);
#  - MAILLAGE_DB_SUFFIX picks the services' databases: <svc><suffix> (deploy/maillage test: _system), <svc> without it.
service_env() {
  local svc=$1
  if [ -n "${MAILLAGE_DB_SUFFIX:-}" ] && [ "$svc" != "$WEB" ]; then export DB_NAME=$svc$MAILLAGE_DB_SUFFIX; fi
  export QUARKUS_HTTP_HOST=${QUARKUS_HTTP_HOST:-127.0.0.1}
  export QUARKUS_MANAGEMENT_HOST=${QUARKUS_MANAGEMENT_HOST:-127.0.0.1}
  export QUARKUS_MANAGEMENT_PORT=${MANAGEMENT_PORT[$svc]}
  export MP_JWT_VERIFY_PUBLICKEY_LOCATION=${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-$MAILLAGE_JWKS_URL}
  export MP_JWT_VERIFY_ISSUER=${MP_JWT_VERIFY_ISSUER:-$MAILLAGE_ISSUER}
  # the communes reference (directory and offers), the services' default ../shared/data resolved from the repository root
  export COMMUNES_FILE=${COMMUNES_FILE:-$(cd "$ROOT_DIR/.." && pwd)/shared/data/communes.csv}
  case "$svc" in
    booking|notification)
      export MAILLAGE_SEALING_KEY=${MAILLAGE_SEALING_KEY:-$(sealing_key)} ;;
  esac
  # Issue 23: the providers' callbacks are open in the local run too (before, no secret: every delivery report and STOP
  # was refused with 401), with this run's secrets (callback_secret, lib/common.sh), which the SMS stub sends back.
  if [ "$svc" = notification ]; then
    export SMS_CALLBACK_SECRET; SMS_CALLBACK_SECRET=$(callback_secret sms)
    export VOICE_CALLBACK_SECRET; VOICE_CALLBACK_SECRET=$(callback_secret voice)
  fi
  # The local run is a development run: without an SMS provider (SMS_URL), notification-service uses the log stand-in
  # (masked numbers and links, messages recorded skipped/no_provider) instead of refusing to start.
  if [ "$svc" = notification ] && [ -z "${SMS_URL:-}" ]; then
    export MAILLAGE_NOTIFICATION_SMS_LOG_PROVIDER=${MAILLAGE_NOTIFICATION_SMS_LOG_PROVIDER:-true}
  fi
  # Issue 19, item 5: the demo volunteers' numbers are in ARCEP's fiction range (06 39 98 xx xx), which libphonenumber
  # does not call mobiles. Only when SMS go to the local SMS stub (nobody is ever texted) does notification-service
  # send them like mobiles, so a newcomer sees a volunteer's messages in the stub; the setting defaults to false.
  if [ "$svc" = notification ] && [ "${SMS_URL:-}" = "http://127.0.0.1:${SMS_STUB_PORT:-8089}" ]; then
    export MAILLAGE_NOTIFICATION_SMS_FICTION_RANGE_DELIVERABLE=${MAILLAGE_NOTIFICATION_SMS_FICTION_RANGE_DELIVERABLE:-true}
  fi
  # web: its own ports; the public API through the gateway (the only thing it calls; port 8086, see nginx.conf); the
  # identity provider (the local Keycloak's realm): agents sign in on /agent by the authorization-code flow of client
  # maillage-web, and the public pages call the API with that client's service-account token (client credentials:
  # partner-app of the demo's public site …0007, upn maillage-web) — development secret of the realm file
  # (deploy/keycloak/maillage-realm.json); cookies without Secure since the local gateway is plain HTTP.
  if [ "$svc" = "$WEB" ]; then
    export HTTP_PORT=${SERVICE_PORT[$WEB]} MANAGEMENT_PORT=${MANAGEMENT_PORT[$WEB]}
    # the gateway's listener for web (nginx.conf: the same routes without the per-address flood cap)
    export MAILLAGE_API_URL=${MAILLAGE_API_URL:-http://127.0.0.1:8086}
    export MAILLAGE_OIDC_URL=${MAILLAGE_OIDC_URL:-$MAILLAGE_ISSUER}
    export MAILLAGE_OIDC_CLIENT_ID=${MAILLAGE_OIDC_CLIENT_ID:-maillage-web}
    export MAILLAGE_OIDC_SECRET=${MAILLAGE_OIDC_SECRET:-maillage-web-dev-secret}
    export MAILLAGE_WEB_INSECURE_COOKIES=${MAILLAGE_WEB_INSECURE_COOKIES:-true}
    # the commune websites' widget (/widget) may be framed by a page served on 127.0.0.1:8097: the host page of the
    # browser test WidgetInACommuneSiteTest, or your own to try it (e.g. python3 -m http.server 8097 --bind 127.0.0.1)
    export MAILLAGE_WEB_WIDGET_ALLOWED_ORIGINS=${MAILLAGE_WEB_WIDGET_ALLOWED_ORIGINS:-http://127.0.0.1:8097}
  fi
}

start_one() {
  local svc=$1 port=${SERVICE_PORT[$1]} jar=$ROOT_DIR/$(module_dir "$1")/target/quarkus-app/quarkus-run.jar
  local logf=$LOG_DIR/$svc.log
  if pid_alive "$svc"; then
    log "$svc already running (pid $(cat "$PID_DIR/$svc.pid"))"
    return 0
  fi
  [ -f "$jar" ] || die "$jar is missing: build first (deploy/maillage up builds, or ./mvnw package -DskipTests)"
  port_open "$port" && die "port $port is taken by another process; $svc cannot start (log: $logf)"
  port_open "${MANAGEMENT_PORT[$svc]}" && die "port ${MANAGEMENT_PORT[$svc]} (management) is taken by another process; $svc cannot start"
  # Each start begins a fresh log (the previous one is kept as <svc>.log.1), so a run's logs are that run's.
  if [ -f "$logf" ]; then mv -f "$logf" "$logf.1"; fi
  # The working directory is the jar's (quarkus-app): the AppCDS archive built beside it (app-cds.jsa, the classes the
  # service loads at start-up, pre-parsed; quarkus.package.jar.appcds.enabled) records the class path relative to it.
  # Paths the services read are therefore given absolute (service_env: COMMUNES_FILE).
  local app=${jar%/*} cds=()
  [ -f "$app/app-cds.jsa" ] && cds=(-XX:SharedArchiveFile=app-cds.jsa)
  (cd "$app" && service_env "$svc" && exec java $SERVICE_JAVA_OPTS "${cds[@]}" ${MAILLAGE_JAVA_OPTS:-} -jar quarkus-run.jar >>"$logf" 2>&1) &
  echo $! > "$PID_DIR/$svc.pid"
  echo "$(date +%s%N)" > "$PID_DIR/$svc.started"
}

wait_one() {
  local svc=$1 port=${SERVICE_PORT[$1]}
  # Bounded, generously: on a loaded 2-core machine four services starting at once have taken over 120 s.
  wait_for "$svc" ${SERVICE_START_TIMEOUT:-300} "$LOG_DIR/$svc.log" health_up "$svc"
  pid_alive "$svc" || die "$svc exited during start-up (log: $LOG_DIR/$svc.log)"
  local t0 t1 cpu; t0=$(cat "$PID_DIR/$svc.started" 2>/dev/null || date +%s%N); t1=$(date +%s%N)
  # CPU time the JVM spent until then (user + system), which the machine's other load does not inflate.
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$(cat "$PID_DIR/$svc.pid")/stat" 2>/dev/null || echo "?")
  if [ "$svc" = "$WEB" ]; then
    ok "$svc up on http://127.0.0.1:$port, management :${MANAGEMENT_PORT[$svc]} (live after $(( (t1 - t0) / 1000000 )) ms, CPU $cpu s; ready once the gateway answers)"
  else
    ok "$svc healthy on http://127.0.0.1:$port, management :${MANAGEMENT_PORT[$svc]} (ready after $(( (t1 - t0) / 1000000 )) ms, CPU $cpu s)"
  fi
}

action=${1:-}; shift || true
targets=("$@"); [ ${#targets[@]} -eq 0 ] && targets=("${SERVICES[@]}" "$WEB")
# web after the services (it calls them through the gateway), in its own step: the four start together.
services=(); start_web=0
for svc in "${targets[@]}"; do if [ "$svc" = "$WEB" ]; then start_web=1; else services+=("$svc"); fi; done
case "$action" in
  start)
    # The development keys (token verification key, sealing key) exist before any service starts (idempotent).
    "$DEPLOY_DIR/infra/dev-keys.sh"
    [ -n "${MAILLAGE_SEALING_KEY:-}$(sealing_key)" ] || die "no sealing key in $MAILLAGE_RUN/jwt/sealing.key"
    for svc in "${services[@]}"; do start_one "$svc"; done
    for svc in "${services[@]}"; do wait_one "$svc"; done
    if [ $start_web = 1 ]; then start_one "$WEB"; wait_one "$WEB"; fi ;;
  stop)
    # web first: it calls the services.
    if [ $start_web = 1 ]; then stop_pid "$WEB" 20; rm -f "$PID_DIR/$WEB.started"; fi
    for svc in "${services[@]}"; do stop_pid "$svc" 20; rm -f "$PID_DIR/$svc.started"; done ;;
  status)
    for svc in "${targets[@]}"; do
      if pid_alive "$svc"; then echo "$svc: up (pid $(cat "$PID_DIR/$svc.pid"), port ${SERVICE_PORT[$svc]}, management ${MANAGEMENT_PORT[$svc]})"; else echo "$svc: down"; fi
    done ;;
  *) echo "usage: $0 start|stop|status [service...]" >&2; exit 2 ;;
esac
