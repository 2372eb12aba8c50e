#!/usr/bin/env bash
# Local SMTP sink for the run command: GreenMail standalone (a real SMTP server) on 127.0.0.1:3025,
# with its web/REST API on 127.0.0.1:3080 to read what Maillage sent
# (e.g. curl http://127.0.0.1:3080/api/user/<address>/messages/INBOX).
#   deploy/infra/mailsink.sh start|stop|status
source "$(dirname "$0")/../lib/common.sh"

SMTP_PORT=${MAILSINK_SMTP_PORT:-3025}
API_PORT=${MAILSINK_API_PORT:-3080}
SINK_LOG=$LOG_DIR/mailsink.log

start() {
  if pid_alive mailsink; then log "mail sink already running (pid $(cat "$PID_DIR/mailsink.pid"))"; return 0; fi
  local jar; jar=$(ls "$DEPLOY_DIR"/infra/target/greenmail/greenmail-standalone-*.jar 2>/dev/null | head -1 || true)
  if [ -z "$jar" ]; then
    mvn_cmd -B -q -f "$DEPLOY_DIR/infra/pom.xml" package >"$LOG_DIR/infra-resolve.log" 2>&1 \
      || die "could not resolve GreenMail (log: $LOG_DIR/infra-resolve.log)"
    jar=$(ls "$DEPLOY_DIR"/infra/target/greenmail/greenmail-standalone-*.jar | head -1)
  fi
  port_open "$SMTP_PORT" && die "port $SMTP_PORT is taken by another process; the mail sink cannot start"
  port_open "$API_PORT" && die "port $API_PORT is taken by another process; the mail sink cannot start"
  (exec java -Xmx128m -XX:+UseSerialGC -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$SMTP_PORT" \
      -Dgreenmail.auth.disabled -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$API_PORT" \
      -jar "$jar" >>"$SINK_LOG" 2>&1) &
  echo $! > "$PID_DIR/mailsink.pid"
  wait_for "mail sink" 30 "$SINK_LOG" port_open "$SMTP_PORT"
  ok "mail sink: SMTP on 127.0.0.1:$SMTP_PORT, mails readable at http://127.0.0.1:$API_PORT"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid mailsink 10 ;;
  status) pid_alive mailsink && echo "mailsink: up (pid $(cat "$PID_DIR/mailsink.pid"))" || echo "mailsink: down" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
