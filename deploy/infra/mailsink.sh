#!/usr/bin/env bash
# Local mail sink of the run command: MailDev (npm package maildev, pinned in deploy/package.json), a real SMTP server on
# 127.0.0.1:3025 that keeps what Maillage sent, and a web page on http://127.0.0.1:3080 showing each mail as its reader
# sees it (HTML rendered, text part, headers, source). Its REST API serves the same mails, e.g.
#   curl -s http://127.0.0.1:3080/api/email | jq '.[] | {to: .to[0].address, subject}'
# The mails (the newest 1000) are kept in $MAILLAGE_RUN/mailsink, emptied at each start.
#   deploy/infra/mailsink.sh start|stop|status
source "$(dirname "$0")/../lib/common.sh"

SMTP_PORT=${MAILSINK_SMTP_PORT:-3025}
WEB_PORT=${MAILSINK_WEB_PORT:-${MAILSINK_API_PORT:-3080}}
SINK_LOG=$LOG_DIR/mailsink.log
MAILSINK_URL=http://127.0.0.1:$WEB_PORT

mailsink_ready() { curl -fsS --max-time 3 "$MAILSINK_URL/api/healthz" >/dev/null 2>&1; }

start() {
  if pid_alive mailsink; then log "mail sink already running (pid $(cat "$PID_DIR/mailsink.pid"))"; return 0; fi
  local maildev; maildev=$(node_tool maildev)
  port_open "$SMTP_PORT" && die "port $SMTP_PORT is taken by another process; the mail sink cannot start"
  port_open "$WEB_PORT" && die "port $WEB_PORT is taken by another process; the mail sink cannot start"
  # Its own directory (MailDev's default is a shared /tmp/maildev), emptied: each run shows its own mails.
  rm -rf "$MAILLAGE_RUN/mailsink" && mkdir -p "$MAILLAGE_RUN/mailsink"
  (exec "$maildev" --mail-directory "$MAILLAGE_RUN/mailsink" --ip 127.0.0.1 --smtp "$SMTP_PORT" --web-ip 127.0.0.1 --web "$WEB_PORT" --max-emails 1000 \
      >>"$SINK_LOG" 2>&1) &
  echo $! > "$PID_DIR/mailsink.pid"
  wait_for "mail sink" 30 "$SINK_LOG" mailsink_ready
  ok "mail sink: SMTP on 127.0.0.1:$SMTP_PORT, the mails as sent on $MAILSINK_URL"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid mailsink 10 ;;
  status) pid_alive mailsink && echo "mailsink: up (pid $(cat "$PID_DIR/mailsink.pid"))" || echo "mailsink: down" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
