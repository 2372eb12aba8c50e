# Shared helpers for the deploy scripts. Sourced, not run.
# Everything our scripts start keeps its pid and log under $MAILLAGE_RUN (default deploy/.run):
#   $MAILLAGE_RUN/pids/<name>.pid   $MAILLAGE_RUN/logs/<name>.log
set -Eeuo pipefail
# Never fail silently: name the command and the line that failed.
trap 'printf "[maillage] ERROR: command failed (exit %s) at %s:%s: %s\n" "$?" "${BASH_SOURCE[0]}" "$LINENO" "$BASH_COMMAND" >&2' ERR

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT_DIR=$(cd "$DEPLOY_DIR/.." && pwd)
MAILLAGE_RUN=${MAILLAGE_RUN:-$DEPLOY_DIR/.run}
PID_DIR=$MAILLAGE_RUN/pids
LOG_DIR=$MAILLAGE_RUN/logs
mkdir -p "$PID_DIR" "$LOG_DIR"

SERVICES=(directory offers booking notification)
# The web module (citizen pages, web/): started by deploy/services.sh after the services, reached through the gateway
# (every path outside /api/); it calls the public API through the gateway like any partner app.
WEB=web
declare -A SERVICE_PORT=([directory]=8081 [offers]=8082 [booking]=8083 [notification]=8084 [web]=8085)
# Each service's management interface (health, metrics, OpenAPI, Swagger UI), apart from the API port; both are bound
# to 127.0.0.1 in the local run (deploy/services.sh), so only the gateway is reachable from outside.
declare -A MANAGEMENT_PORT=([directory]=9081 [offers]=9082 [booking]=9083 [notification]=9084 [web]=9085)

# module_dir NAME -> the Maven module of a service (<name>-service) or of the web module (web)
module_dir() { if [ "$1" = "$WEB" ]; then echo "$WEB"; else echo "$1-service"; fi; }
GATEWAY_PORT=${GATEWAY_PORT:-8080}
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
PG_HOST=127.0.0.1
PG_PORT=${PG_PORT:-5432}
# The identity provider of the local run (deploy/infra/keycloak.sh): Keycloak, realm maillage. The services trust its
# issuer and JWKS only (deploy/services.sh); `deploy/maillage token` and the system tests mint tokens under the same
# issuer with the run's development key, which is the realm's active signing key. MAILLAGE_ISSUER is exported for the
# tools that mint or verify tokens outside services.sh (DevToken, the system tests' scratch instances, the benchmarks);
# the module tests keep the platform's development issuer (they do not read it).
KEYCLOAK_PORT=${KEYCLOAK_PORT:-8180}
KEYCLOAK_MANAGEMENT_PORT=${KEYCLOAK_MANAGEMENT_PORT:-9180}
KEYCLOAK_URL=http://127.0.0.1:$KEYCLOAK_PORT
export MAILLAGE_ISSUER=${MAILLAGE_ISSUER:-$KEYCLOAK_URL/realms/maillage}
MAILLAGE_JWKS_URL=${MAILLAGE_JWKS_URL:-$MAILLAGE_ISSUER/protocol/openid-connect/certs}

if [ -t 1 ]; then BOLD=$'\e[1m'; RED=$'\e[31m'; GREEN=$'\e[32m'; RESET=$'\e[0m'; else BOLD=; RED=; GREEN=; RESET=; fi
log()  { printf '%s[maillage]%s %s\n' "$BOLD" "$RESET" "$*"; }
ok()   { printf '%s[maillage]%s %s%s%s\n' "$BOLD" "$RESET" "$GREEN" "$*" "$RESET"; }
die()  { printf '%s[maillage] ERROR:%s %s\n' "$RED" "$RESET" "$*" >&2; exit 1; }

# port_open PORT -> 0 when something listens on 127.0.0.1:PORT
# Bounded: a connect to a port whose process is dying may get no answer at all (the kernel then retries for about two
# minutes); seen once as a 'services.sh start' that never reached the start of its service after a kill -9.
port_open() { timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null; }

# alive PID -> 0 when PID is a running process. A killed process whose parent has not reaped it yet
# (a zombie: kill -0 still succeeds) counts as dead.
alive() {
  kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != "Z" ]
}

# pid_alive NAME -> 0 when the pid recorded for NAME is a running process
pid_alive() {
  local f=$PID_DIR/$1.pid
  [ -f "$f" ] && alive "$(cat "$f")"
}

# wait_for DESCRIPTION SECONDS LOGFILE COMMAND... : bounded wait, fails with the log's tail.
wait_for() {
  local what=$1 secs=$2 logfile=$3; shift 3
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      [ -f "$logfile" ] && { echo "--- last lines of $logfile ---" >&2; tail -n 25 "$logfile" >&2; }
      die "$what not ready after ${secs}s (log: $logfile)"
    fi
    sleep 0.5
  done
}

# stop_pid NAME [SECONDS]: TERM, bounded wait, then KILL. Only touches processes we recorded.
stop_pid() {
  local name=$1 secs=${2:-20} f=$PID_DIR/$1.pid pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if alive "$pid"; then
    kill "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + secs))
    while alive "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.3; done
    if alive "$pid"; then
      log "$name did not stop within ${secs}s, killing it"
      kill -9 "$pid" 2>/dev/null || true
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$f"
}

need_root_or_sudo() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "'$*' needs root (or sudo)"; fi
}

# apt_install PKG... : installs Debian packages that are missing (idempotent).
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  need_root_or_sudo apt-get update -qq >"$LOG_DIR/apt.log" 2>&1 || die "apt-get update failed (log: $LOG_DIR/apt.log)"
  need_root_or_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >>"$LOG_DIR/apt.log" 2>&1 \
    || die "apt-get install ${missing[*]} failed (log: $LOG_DIR/apt.log)"
}

# need_commands COMMAND:PACKAGE... : installs (apt_install) the Debian package of each command that is missing,
# e.g. need_commands wrk:wrk kcat:kcat jq:jq for the benchmarks on a fresh machine.
need_commands() {
  local spec packages=()
  for spec in "$@"; do command -v "${spec%%:*}" >/dev/null 2>&1 || packages+=("${spec#*:}"); done
  [ ${#packages[@]} -eq 0 ] || apt_install "${packages[@]}"
}

# The Maven command: the wrapper pinned in .mvn/wrapper when present, else the system mvn.
mvn_cmd() {
  if [ -x "$ROOT_DIR/mvnw" ]; then "$ROOT_DIR/mvnw" "$@"; else mvn "$@"; fi
}

# The key that seals personal data in booking's events for notification-service (AES-256, base64 of 32 bytes),
# generated once per machine by deploy/infra/dev-keys.sh; empty when not generated yet.
sealing_key() { cat "$MAILLAGE_RUN/jwt/sealing.key" 2>/dev/null || true; }

# callback_secret sms|voice -> the local run's shared secret of that provider's callbacks (issue 23): generated once
# into $MAILLAGE_RUN/jwt, given to notification-service (SMS_CALLBACK_SECRET / VOICE_CALLBACK_SECRET) and to the SMS stub,
# which calls the callbacks back with it (delivery reports, so receipts reach « delivered » in the demo). An
# SMS_CALLBACK_SECRET / VOICE_CALLBACK_SECRET set in the environment wins.
callback_secret() {
  local var; var=$(tr '[:lower:]' '[:upper:]' <<<"$1")_CALLBACK_SECRET
  if [ -n "${!var:-}" ]; then echo "${!var}"; return; fi
  local f=$MAILLAGE_RUN/jwt/$1-callback.secret
  if [ ! -s "$f" ]; then mkdir -p "$MAILLAGE_RUN/jwt"; (umask 077; od -An -N24 -tx1 /dev/urandom | tr -d ' \n' > "$f"); fi
  cat "$f"
}

# service_health_ready MANAGEMENT_PORT API_PORT -> 0 when the service answers UP on /q/health/ready (management port;
# the API port for a jar built before the management interface existed).
service_health_ready() {
  local body
  body=$(curl -fsS --max-time 5 "http://127.0.0.1:$1/q/health/ready" 2>/dev/null || curl -fsS --max-time 5 "http://127.0.0.1:$2/q/health/ready" 2>/dev/null) || return 1
  grep -q '"status" *: *"UP"' <<<"$body"
}

# node_tool NAME -> the path of an npm tool pinned in deploy/package.json and deploy/package-lock.json (Spectral, MailDev),
# installed by npm ci into deploy/node_modules (git-ignored), never globally; installed again only when the lock file's
# content changes (its checksum is kept beside the installed packages).
node_tool() {
  local bin=$DEPLOY_DIR/node_modules/.bin/$1 stamp=$DEPLOY_DIR/node_modules/.maillage-lock.sha256 lock_sum
  need_commands npm:npm
  lock_sum=$(sha256sum "$DEPLOY_DIR/package-lock.json" | cut -d' ' -f1)
  if [ ! -x "$bin" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
    log "installing the npm tools of deploy/package.json (npm ci in deploy/, once; log: $LOG_DIR/npm-ci.log)" >&2
    (cd "$DEPLOY_DIR" && npm ci --no-audit --no-fund --ignore-scripts) >"$LOG_DIR/npm-ci.log" 2>&1 \
      || { tail -n 20 "$LOG_DIR/npm-ci.log" >&2; die "npm ci failed in deploy/ (log: $LOG_DIR/npm-ci.log)"; }
    echo "$lock_sum" > "$stamp"
  fi
  echo "$bin"
}

# maven_progress LOG: reads Maven's batch output (-B) on standard input, keeps all of it in LOG and shows the progress:
# each module as the reactor starts it ("[3/9] Maillage :: directory-service", with the minutes:seconds since the build
# began), Surefire's counts per test class and in total, the errors and the result. Maven's exit status is the pipe's
# (pipefail); after a failure, maven_failure LOG prints the failures' summary.
maven_progress() {
  local logf=$1 line fd t0=$SECONDS re_module='^\[INFO\] Building (.+) [^ ]+ +\[([0-9]+)/([0-9]+)\]$'
  exec {fd}>"$logf"
  while IFS= read -r line; do
    printf '%s\n' "$line" >&"$fd"
    if [[ $line =~ $re_module ]]; then
      log "[${BASH_REMATCH[2]}/${BASH_REMATCH[3]}] ${BASH_REMATCH[1]} ($(printf '%d:%02d' $(((SECONDS - t0) / 60)) $(((SECONDS - t0) % 60))))"
    elif [[ $line == *"Tests run:"* || $line == "[ERROR]"* || $line == *"BUILD SUCCESS"* || $line == *"BUILD FAILURE"* ]]; then
      printf '  %s\n' "$line"
    fi
  done
  exec {fd}>&-
}

# maven_failure LOG: what failed in a Maven log, for the terminal: Surefire's results (the failing tests with their
# messages) when there are, else the last lines.
maven_failure() {
  if grep -q '^\[INFO\] Results:$' "$1"; then sed -n '/^\[INFO\] Results:$/,$p' "$1" >&2; else tail -n 40 "$1" >&2; fi
}
