#!/usr/bin/env bash
# PostgreSQL for Maillage: reuse the server listening on 127.0.0.1:5432 if there is one, otherwise
# install Debian's PostgreSQL (+ PostGIS) and start its cluster. Then create, idempotently, one role
# and four databases per service (<svc> for the running system, <svc>_test, <svc>_system, <svc>_scratch for the tests), with
# create-databases.sql (shared with the compose file).
#   deploy/infra/postgres.sh start|stop|restart [SECONDS DOWN]|reset-system|status
source "$(dirname "$0")/../lib/common.sh"

MARKER=$PID_DIR/postgres.cluster   # present only when this script started the cluster
PG_LOG=$LOG_DIR/postgres.log

psql_super() { need_root_or_sudo runuser -u postgres -- psql -X -q -p "$PG_PORT" -v ON_ERROR_STOP=1 "$@"; }

pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1; }

start_server() {
  if port_open "$PG_PORT"; then
    log "PostgreSQL already listening on $PG_HOST:$PG_PORT, using it"
  else
    apt_install postgresql postgresql-contrib
    local ver; ver=$(pg_version)
    [ -n "$ver" ] || die "PostgreSQL is installed but no version found under /usr/lib/postgresql"
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$ver main$"; then
      log "creating PostgreSQL $ver cluster 'main'"
      need_root_or_sudo pg_createcluster "$ver" main -p "$PG_PORT" >>"$PG_LOG" 2>&1 || die "pg_createcluster failed (log: $PG_LOG)"
    fi
    log "starting PostgreSQL $ver (cluster main)"
    need_root_or_sudo pg_ctlcluster "$ver" main start >>"$PG_LOG" 2>&1 \
      || die "PostgreSQL $ver/main did not start (log: $PG_LOG and /var/log/postgresql/postgresql-$ver-main.log)"
    echo "$ver main" > "$MARKER"
    wait_for "PostgreSQL" 30 "/var/log/postgresql/postgresql-$ver-main.log" port_open "$PG_PORT"
    # The contended-booking benchmark and several test JVMs need more than the default 100.
    if [ "$(psql_super -tAc 'SHOW max_connections')" -lt 300 ]; then
      psql_super -c "ALTER SYSTEM SET max_connections = 300" >>"$PG_LOG" 2>&1
      need_root_or_sudo pg_ctlcluster "$ver" main restart >>"$PG_LOG" 2>&1 || die "PostgreSQL restart failed (log: $PG_LOG)"
      wait_for "PostgreSQL" 30 "/var/log/postgresql/postgresql-$ver-main.log" port_open "$PG_PORT"
    fi
  fi
  local ver; ver=$(psql_super -tAc "SHOW server_version_num" | cut -c1-2)
  # The directory and offers do spatial search with PostGIS (GiST indexes on geography).
  apt_install "postgresql-$ver-postgis-3"
}

create_databases() {
  for svc in "${SERVICES[@]}"; do
    psql_super -v svc="$svc" < "$DEPLOY_DIR/infra/create-databases.sql" >>"$PG_LOG" 2>&1 \
      || die "could not create the role, databases or extensions of $svc (log: $PG_LOG)"
  done
  ok "PostgreSQL ready on $PG_HOST:$PG_PORT (databases: ${SERVICES[*]}, with their _test, _system and _scratch twins)"
}

# The system tests' databases (<svc>_system), dropped and created again empty: every run of deploy/maillage test starts
# from the demo data alone, whatever an earlier run (on this machine or this CI host) left; <svc> (deploy/maillage up) is untouched.
reset_system_databases() {
  for svc in "${SERVICES[@]}"; do
    psql_super -c "DROP DATABASE IF EXISTS \"${svc}_system\" WITH (FORCE)" >>"$PG_LOG" 2>&1 \
      || die "could not drop ${svc}_system (log: $PG_LOG)"
  done
  create_databases
  ok "system test databases recreated empty (${SERVICES[*]/%/_system})"
}

stop_server() {
  if [ -f "$MARKER" ]; then
    read -r ver name < "$MARKER"
    need_root_or_sudo pg_ctlcluster "$ver" "$name" stop >>"$PG_LOG" 2>&1 || true
    rm -f "$MARKER"
    log "stopped PostgreSQL $ver/$name"
  else
    log "PostgreSQL was not started by Maillage, left running"
  fi
}

# Restart of the cluster serving $PG_PORT (fault tests: the services must recover on their own).
# restart SECONDS keeps the server down that long between stop and start, so that clients meet the outage
# (longer than the services' pool acquisition timeout, requests cannot merely wait it out).
restart_server() {
  local down=${1:-0} ver name
  [[ "$down" =~ ^[0-9]+$ ]] || die "restart: the down time must be a number of seconds (got '$down')"
  if [ -f "$MARKER" ]; then read -r ver name < "$MARKER"; else
    read -r ver name < <(pg_lsclusters -h | awk -v p="$PG_PORT" '$3 == p { print $1, $2; exit }')
  fi
  [ -n "${ver:-}" ] || die "no local PostgreSQL cluster on port $PG_PORT to restart"
  if [ "$down" -gt 0 ]; then
    need_root_or_sudo pg_ctlcluster "$ver" "$name" stop >>"$PG_LOG" 2>&1 || die "PostgreSQL stop failed (log: $PG_LOG)"
    log "stopped PostgreSQL $ver/$name for ${down}s"
    sleep "$down"
    need_root_or_sudo pg_ctlcluster "$ver" "$name" start >>"$PG_LOG" 2>&1 || die "PostgreSQL start failed (log: $PG_LOG)"
  else
    need_root_or_sudo pg_ctlcluster "$ver" "$name" restart >>"$PG_LOG" 2>&1 || die "PostgreSQL restart failed (log: $PG_LOG)"
  fi
  wait_for "PostgreSQL" 30 "/var/log/postgresql/postgresql-$ver-$name.log" port_open "$PG_PORT"
  log "restarted PostgreSQL $ver/$name"
}

case "${1:-}" in
  start) start_server; create_databases ;;
  reset-system) port_open "$PG_PORT" || die "PostgreSQL is not running (deploy/infra/postgres.sh start)"; reset_system_databases ;;
  restart) restart_server "${2:-0}" ;;
  stop) stop_server ;;
  status) port_open "$PG_PORT" && echo "postgres: up on $PG_PORT" || echo "postgres: down" ;;
  *) echo "usage: $0 start|stop|restart [seconds down]|reset-system|status" >&2; exit 2 ;;
esac
