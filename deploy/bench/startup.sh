#!/usr/bin/env bash
# Start-up and memory of the services (issue 23, item 4): each of the four services started alone, then the four
# together, from launch to ready (/q/health/ready UP on the management port); then web (citizen pages), started once the
# four and the gateway run, to ready (its readiness calls the API through the gateway); then the idle RSS of each after
# IDLE_SECONDS (default 20) without a request. Goals: ready in <= 5 s alone and <= 8 s together (2 cores), idle RSS
# <= 200 MiB; the script fails when a figure misses its goal.
# The services run as deploy/services.sh starts them (same jars, JVM options, environment, databases); it needs the
# standard ports free (deploy/maillage bench runs it before starting the stack) and PostgreSQL and Kafka running; it
# starts Keycloak when it is not running (web cannot start without its identity provider: its OIDC client is made at
# start) and stops everything it started. Run outside deploy/maillage bench, give it the MAILLAGE_RUN of the running
# infrastructure (e.g. MAILLAGE_RUN=/path/to/run deploy/bench/startup.sh), so that it finds Keycloak there.
#   deploy/bench/startup.sh             IDLE_SECONDS=60 deploy/bench/startup.sh
# Prints: RESULT|what|figure|goal
source "$(dirname "$0")/../lib/common.sh"

IDLE_SECONDS=${IDLE_SECONDS:-20}
ALONE_GOAL_MS=${ALONE_GOAL_MS:-5000}
TOGETHER_GOAL_MS=${TOGETHER_GOAL_MS:-8000}
RSS_GOAL_MIB=${RSS_GOAL_MIB:-200}
failed=()

for svc in "${SERVICES[@]}" "$WEB"; do
  pid_alive "$svc" && die "$svc is running: stop the stack first (deploy/maillage down)"
done
keycloak_running_before=0; pid_alive keycloak && keycloak_running_before=1
cleanup() {
  "$DEPLOY_DIR/services.sh" stop >/dev/null 2>&1 || true
  "$DEPLOY_DIR/gateway/gateway.sh" stop >/dev/null 2>&1 || true
  [ "$keycloak_running_before" = 1 ] || "$DEPLOY_DIR/infra/keycloak.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

# ready_ms SVC / ready_cpu SVC: the time services.sh measured from the launch of SVC to its readiness, and the CPU time
# the JVM had used by then (its "ready after N ms, CPU C s" line).
ready_ms() { sed -n "s/.*\] $1 healthy .*ready after \([0-9]*\) ms.*/\1/p" "$LOG_DIR/bench-startup-services.log" | tail -1; }
ready_cpu() { sed -n "s/.*\] $1 healthy .*ready after [0-9]* ms, CPU \([0-9.?]*\) s.*/\1/p" "$LOG_DIR/bench-startup-services.log" | tail -1; }

# figure WHAT MS GOAL_MS [CPU]: one RESULT line, and the failure recorded when over the goal.
figure() {
  local ok=yes; [ "$2" -le "$3" ] || { ok=no; failed+=("$1"); }
  echo "RESULT|$1|$(awk -v ms="$2" 'BEGIN { printf "%.1f s", ms / 1000 }')${4:+ (CPU $4 s)}$([ $ok = yes ] || echo " (OVER)")|<= $(( $3 / 1000 )) s"
}

ONLY=${ONLY:-}   # ONLY=alone: each service alone, nothing more (a quicker look)
# web's OIDC client is made at its start against the realm (deploy/infra/keycloak.sh): without Keycloak web never comes
# up (seen as « web not ready after 300s » when this script ran without it). Started first (idempotent; it waits for
# the realm) so that its own start-up is over before anything is measured.
[ "$ONLY" = alone ] || "$DEPLOY_DIR/infra/keycloak.sh" start >/dev/null
# 1. Each service alone (nothing else of ours running; PostgreSQL, Kafka and Keycloak as they are).
for svc in ${ALONE:-${SERVICES[@]}}; do
  "$DEPLOY_DIR/services.sh" start "$svc" > "$LOG_DIR/bench-startup-services.log" 2>&1 \
    || { cat "$LOG_DIR/bench-startup-services.log" >&2; die "$svc did not start"; }
  figure "start-up alone $svc-service (launch to ready)" "$(ready_ms "$svc")" "$ALONE_GOAL_MS" "$(ready_cpu "$svc")"
  "$DEPLOY_DIR/services.sh" stop "$svc" >/dev/null
done

together() {
# 2. The four together (launched at once, as deploy/maillage up does), then web once they and the gateway run.
"$DEPLOY_DIR/services.sh" start "${SERVICES[@]}" > "$LOG_DIR/bench-startup-services.log" 2>&1 \
  || { cat "$LOG_DIR/bench-startup-services.log" >&2; die "the four services did not start together"; }
slowest=0
for svc in "${SERVICES[@]}"; do
  ms=$(ready_ms "$svc"); [ "$ms" -le "$slowest" ] || slowest=$ms
  figure "start-up together $svc-service (launch to ready)" "$ms" "$TOGETHER_GOAL_MS" "$(ready_cpu "$svc")"
done
figure "start-up together, the four ready (slowest)" "$slowest" "$TOGETHER_GOAL_MS"
"$DEPLOY_DIR/gateway/gateway.sh" start >/dev/null
"$DEPLOY_DIR/services.sh" start "$WEB" >/dev/null
t0=$(cat "$PID_DIR/$WEB.started")
wait_for "web (ready)" 60 "$LOG_DIR/$WEB.log" service_health_ready "${MANAGEMENT_PORT[$WEB]}" "${SERVICE_PORT[$WEB]}"
figure "start-up web, the four running (launch to ready)" "$(( ($(date +%s%N) - t0) / 1000000 ))" "$ALONE_GOAL_MS"

# 3. Idle memory: resident set of each JVM after IDLE_SECONDS without a request.
sleep "$IDLE_SECONDS"
for svc in "${SERVICES[@]}" "$WEB"; do
  rss=$(( $(ps -o rss= -p "$(cat "$PID_DIR/$svc.pid")") / 1024 ))
  over=; [ "$rss" -le "$RSS_GOAL_MIB" ] || { over=" (OVER)"; failed+=("idle RSS $svc"); }
  echo "RESULT|idle RSS after start-up, ${IDLE_SECONDS} s, $(module_dir "$svc")|$rss MiB$over|<= $RSS_GOAL_MIB MiB"
done
}
[ "$ONLY" = alone ] || together

[ ${#failed[@]} -eq 0 ] || { echo "[bench] FAILED: over the goal: ${failed[*]}" >&2; exit 1; }
