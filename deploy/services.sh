#!/usr/bin/env bash
# The four Maillage services, started from their packaged jars (<svc>-service/target/quarkus-app).
#   deploy/services.sh start|stop|status [service...]
source "$(dirname "$0")/lib/common.sh"

# JVM options per service; small heaps fit the 2-core/24 GiB machine with room for Kafka and PostgreSQL.
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC}

health_up() { curl -fsS "http://127.0.0.1:$1/q/health/ready" | grep -q '"status" *: *"UP"'; }

start_one() {
  local svc=$1 port=${SERVICE_PORT[$1]} jar=$ROOT_DIR/$1-service/target/quarkus-app/quarkus-run.jar
  local logf=$LOG_DIR/$svc.log
  if pid_alive "$svc"; then
    log "$svc already running (pid $(cat "$PID_DIR/$svc.pid"))"
    return 0
  fi
  [ -f "$jar" ] || die "$jar is missing: build first (deploy/maillage up builds, or ./mvnw package -DskipTests)"
  port_open "$port" && die "port $port is taken by another process; $svc cannot start (log: $logf)"
  # Working directory = repository root, so relative paths such as ../shared/data resolve alike
  # for every service and for the run and test commands.
  # Tokens are verified with the development key of this run (deploy/infra/dev-keys.sh) unless a real identity
  # provider is configured (MP_JWT_VERIFY_PUBLICKEY_LOCATION = its JWKS URL, MP_JWT_VERIFY_ISSUER).
  (cd "$ROOT_DIR" && export MP_JWT_VERIFY_PUBLICKEY_LOCATION=${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-$MAILLAGE_RUN/jwt/public.pem} \
    && exec java $SERVICE_JAVA_OPTS ${MAILLAGE_JAVA_OPTS:-} -jar "$jar" >>"$logf" 2>&1) &
  echo $! > "$PID_DIR/$svc.pid"
  echo "$(date +%s%N)" > "$PID_DIR/$svc.started"
}

wait_one() {
  local svc=$1 port=${SERVICE_PORT[$1]}
  wait_for "$svc" 120 "$LOG_DIR/$svc.log" health_up "$port"
  pid_alive "$svc" || die "$svc exited during start-up (log: $LOG_DIR/$svc.log)"
  local t0 t1; t0=$(cat "$PID_DIR/$svc.started" 2>/dev/null || date +%s%N); t1=$(date +%s%N)
  ok "$svc healthy on http://127.0.0.1:$port (ready after $(( (t1 - t0) / 1000000 )) ms)"
}

action=${1:-}; shift || true
targets=("$@"); [ ${#targets[@]} -eq 0 ] && targets=("${SERVICES[@]}")
case "$action" in
  start)
    for svc in "${targets[@]}"; do start_one "$svc"; done
    for svc in "${targets[@]}"; do wait_one "$svc"; done ;;
  stop)
    for svc in "${targets[@]}"; do stop_pid "$svc" 20; rm -f "$PID_DIR/$svc.started"; done ;;
  status)
    for svc in "${targets[@]}"; do
      if pid_alive "$svc"; then echo "$svc: up (pid $(cat "$PID_DIR/$svc.pid"), port ${SERVICE_PORT[$svc]})"; else echo "$svc: down"; fi
    done ;;
  *) echo "usage: $0 start|stop|status [service...]" >&2; exit 2 ;;
esac
