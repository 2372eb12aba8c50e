#!/usr/bin/env bash
# The identity provider of the local run: Keycloak, the official distribution (org.keycloak:keycloak-quarkus-dist,
# resolved from Maven Central by deploy/infra/pom.xml), in production mode (`start --optimized`) on the shared
# PostgreSQL (database `keycloak`), run with the Temurin 25 JDK (Keycloak needs Java 21+; the services stay on 17).
#   deploy/infra/keycloak.sh prepare|start|stop|status|restart
# What runs is always the repository's realm, deploy/keycloak/maillage-realm.json: each start recreates the `keycloak`
# database (it holds nothing else) and imports the file, with this run's development signing key
# ($MAILLAGE_RUN/jwt/private.pem, deploy/infra/dev-keys.sh) as the realm's active RS256 key — so the tokens that
# `deploy/maillage token` and the system tests mint for ad-hoc organisations verify against the realm's JWKS like
# Keycloak's own. A running Keycloak is restarted by `start` when the realm file or the key changed.
#   http://127.0.0.1:8180 (realm maillage: issuer http://127.0.0.1:8180/realms/maillage), health on 127.0.0.1:9180.
#   Admin console http://127.0.0.1:8180/admin/ (master realm, development only: admin / admin).
source "$(dirname "$0")/../lib/common.sh"

# KEYCLOAK_PORT (8180), KEYCLOAK_MANAGEMENT_PORT (9180), KEYCLOAK_URL: lib/common.sh
KEYCLOAK_JAVA_HOME=${KEYCLOAK_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
KC_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$DEPLOY_DIR/infra/pom.xml")
# The distribution is unpacked once per run directory (shared by every checkout that uses the same $MAILLAGE_RUN).
KC_BASE=$MAILLAGE_RUN/keycloak
KC_HOME=$KC_BASE/keycloak-$KC_VERSION
KC_LOG=$LOG_DIR/keycloak.log
REALM_FILE=$DEPLOY_DIR/keycloak/maillage-realm.json
KEY_FILE=$MAILLAGE_RUN/jwt/private.pem
KC_DB=keycloak
# Options fixed at build time (`kc.sh build`, once): a change re-runs the build.
BUILD_OPTS=(--db=postgres --health-enabled=true --http-relative-path=/)

psql_super() { need_root_or_sudo runuser -u postgres -- psql -X -q -p "$PG_PORT" -v ON_ERROR_STOP=1 "$@"; }

resolve_dist() {
  [ -x "$KC_HOME/bin/kc.sh" ] && return 0
  [ -x "$KEYCLOAK_JAVA_HOME/bin/java" ] || die "Keycloak needs Java 21+: $KEYCLOAK_JAVA_HOME not found (set KEYCLOAK_JAVA_HOME)"
  log "resolving Keycloak $KC_VERSION from Maven Central (deploy/infra/pom.xml, ~160 MB)"
  mvn_cmd -B -q -ntp -f "$DEPLOY_DIR/infra/pom.xml" dependency:unpack@keycloak-dist -Dkeycloak.dir="$KC_BASE" \
    >"$LOG_DIR/keycloak-resolve.log" 2>&1 || die "could not resolve Keycloak (log: $LOG_DIR/keycloak-resolve.log)"
  [ -x "$KC_HOME/bin/kc.sh" ] || die "Keycloak unpacked without $KC_HOME/bin/kc.sh (log: $LOG_DIR/keycloak-resolve.log)"
}

kc() { JAVA_HOME=$KEYCLOAK_JAVA_HOME "$KC_HOME/bin/kc.sh" "$@"; }

# `kc.sh build` once per set of build options (Quarkus re-augmentation, ~30 s); later starts are --optimized.
build_dist() {
  local marker=$KC_HOME/.maillage-build
  [ "$(cat "$marker" 2>/dev/null)" = "${BUILD_OPTS[*]}" ] && return 0
  log "building Keycloak for PostgreSQL (kc.sh build, once; log: $KC_LOG)"
  kc build "${BUILD_OPTS[@]}" >>"$KC_LOG" 2>&1 || die "kc.sh build failed (log: $KC_LOG)"
  echo "${BUILD_OPTS[*]}" > "$marker"
}

# A fresh `keycloak` database (role keycloak, development password keycloak): what runs is the realm file, nothing else.
reset_database() {
  "$DEPLOY_DIR/infra/postgres.sh" start >/dev/null
  psql_super >>"$KC_LOG" 2>&1 <<SQL || die "could not recreate the keycloak database (log: $KC_LOG)"
SELECT 'CREATE ROLE $KC_DB LOGIN PASSWORD ''$KC_DB''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$KC_DB') \gexec
DROP DATABASE IF EXISTS $KC_DB WITH (FORCE);
CREATE DATABASE $KC_DB OWNER $KC_DB;
SQL
}

# The realm to import: the repository's file plus, as its active RS256 key (priority above the generated ones), this
# run's development key. The key lives in the run directory only, never in git.
write_import() {
  "$DEPLOY_DIR/infra/dev-keys.sh" >&2
  mkdir -p "$KC_HOME/data/import"
  rm -f "$KC_HOME/data/import/"*.json
  jq --rawfile pem "$KEY_FILE" '.components["org.keycloak.keys.KeyProvider"] = ((.components["org.keycloak.keys.KeyProvider"] // []) + [{
      name: "maillage-run-key", providerId: "rsa",
      config: { privateKey: [$pem], priority: ["1000"], active: ["true"], enabled: ["true"], algorithm: ["RS256"], keyUse: ["SIG"] } }])' \
    "$REALM_FILE" > "$KC_HOME/data/import/maillage-realm.json" || die "could not prepare the realm import from $REALM_FILE"
  chmod 600 "$KC_HOME/data/import/maillage-realm.json"
}

# What the running Keycloak was started from: the realm file and the key (a change means a restart).
fingerprint() { cat "$REALM_FILE" "$KEY_FILE" 2>/dev/null | sha256sum | cut -c1-16; }

ready() { curl -fsS --max-time 3 "http://127.0.0.1:$KEYCLOAK_MANAGEMENT_PORT/health/ready" | grep -q '"UP"' \
  && curl -fsS --max-time 3 "$KEYCLOAK_URL/realms/maillage/protocol/openid-connect/certs" | grep -q '"keys"'; }

java_pid() { pgrep -P "$(cat "$PID_DIR/keycloak.pid")" java 2>/dev/null | head -1 || true; }

start() {
  if pid_alive keycloak; then
    if [ "$(cat "$PID_DIR/keycloak.fingerprint" 2>/dev/null)" = "$(fingerprint)" ]; then
      log "Keycloak already running (pid $(cat "$PID_DIR/keycloak.pid")) with the repository's realm"
      return 0
    fi
    log "the realm file or the signing key changed since Keycloak started: restarting it"
    stop
  fi
  port_open "$KEYCLOAK_PORT" && die "port $KEYCLOAK_PORT is taken by another process; Keycloak cannot start (log: $KC_LOG)"
  port_open "$KEYCLOAK_MANAGEMENT_PORT" && die "port $KEYCLOAK_MANAGEMENT_PORT (Keycloak management) is taken by another process"
  command -v jq >/dev/null || apt_install jq
  resolve_dist
  if [ -f "$KC_LOG" ]; then mv -f "$KC_LOG" "$KC_LOG.1"; fi
  build_dist
  reset_database
  write_import
  local t0; t0=$(date +%s%N)
  log "starting Keycloak $KC_VERSION on $KEYCLOAK_URL (realm maillage from $REALM_FILE)"
  # Development credentials only: the master realm's bootstrap administrator and the database role.
  (cd "$KC_HOME" && exec env JAVA_HOME="$KEYCLOAK_JAVA_HOME" JAVA_OPTS_KC_HEAP="${KEYCLOAK_HEAP:--Xms64m -Xmx512m}" \
      KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin} KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin} \
      bin/kc.sh start --optimized --import-realm \
      --db-url="jdbc:postgresql://$PG_HOST:$PG_PORT/$KC_DB" --db-username="$KC_DB" --db-password="$KC_DB" \
      --db-pool-max-size=10 \
      --hostname="$KEYCLOAK_URL" --http-enabled=true --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
      --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" --http-management-host=127.0.0.1 \
      >>"$KC_LOG" 2>&1) &
  echo $! > "$PID_DIR/keycloak.pid"
  fingerprint > "$PID_DIR/keycloak.fingerprint"
  wait_for "Keycloak" "${KEYCLOAK_START_TIMEOUT:-360}" "$KC_LOG" ready
  pid_alive keycloak || die "Keycloak exited during start-up (log: $KC_LOG)"
  local ms=$(( ($(date +%s%N) - t0) / 1000000 )) rss=
  local jp; jp=$(java_pid)
  [ -n "$jp" ] && rss="$(( $(ps -o rss= -p "$jp") / 1024 )) MiB RSS"
  ok "Keycloak ready on $KEYCLOAK_URL in ${ms} ms${rss:+, $rss} (realm maillage, issuer $KEYCLOAK_URL/realms/maillage)"
}

stop() {
  # kc.sh forwards TERM to its Java process and waits for it.
  local jp=; pid_alive keycloak && jp=$(java_pid)
  stop_pid keycloak 30
  if [ -n "$jp" ] && alive "$jp"; then kill "$jp" 2>/dev/null || true; fi
  rm -f "$PID_DIR/keycloak.fingerprint"
}

status() {
  if pid_alive keycloak; then
    local jp rss=; jp=$(java_pid); [ -n "$jp" ] && rss=", $(( $(ps -o rss= -p "$jp") / 1024 )) MiB RSS"
    echo "keycloak: up (pid $(cat "$PID_DIR/keycloak.pid")$rss, $KEYCLOAK_URL, management $KEYCLOAK_MANAGEMENT_PORT)"
  else
    echo "keycloak: down"
  fi
}

case "${1:-}" in
  # prepare: download and build the distribution only (no other Maven may run on ~/.m2 meanwhile: deploy/maillage up runs
  # it before its own build, then starts Keycloak in the background)
  prepare) resolve_dist; build_dist ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  *) echo "usage: $0 prepare|start|stop|status|restart" >&2; exit 2 ;;
esac
