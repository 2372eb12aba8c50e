#!/usr/bin/env bash
# HTTP SMS provider stub for the system tests and benchmarks: WireMock standalone (a real HTTP server)
# on 127.0.0.1:8089 answering the provider contract of notification-service (POST /messages).
# Issue 18: it also plays the voice (text-to-speech) provider under /voice (POST /voice/calls; mappings/voice.json), so
# VOICE_URL=http://127.0.0.1:8089/voice locally; the calls' texts are in the same journal.
# What was "sent" is readable from its admin API: GET http://127.0.0.1:8089/__admin/requests
# Issue 23: like a real provider it calls back 3 s after each message (webhooks of the mappings): a delivery report
# « delivered » to notification-service's /callbacks/sms, « completed » to /callbacks/voice, with this run's callback
# secrets (callback_secret in lib/common.sh, the values services.sh gives the service) and at SMS_STUB_CALLBACK_URL
# (default: notification-service's own port). It also speaks Octopush's API under /octopush/v1/public (mappings/octopush.json):
# SMS_PROVIDER=octopush SMS_URL=http://127.0.0.1:8089/octopush/v1/public runs the local stack with the Octopush adapter.
#   deploy/infra/smsstub.sh start|stop|status
source "$(dirname "$0")/../lib/common.sh"

STUB_PORT=${SMS_STUB_PORT:-8089}
STUB_LOG=$LOG_DIR/smsstub.log

start() {
  if pid_alive smsstub; then log "SMS stub already running (pid $(cat "$PID_DIR/smsstub.pid"))"; return 0; fi
  local jar; jar=$(ls "$DEPLOY_DIR"/infra/target/wiremock/wiremock-standalone-*.jar 2>/dev/null | head -1 || true)
  if [ -z "$jar" ]; then
    mvn_cmd -B -q -ntp -f "$DEPLOY_DIR/infra/pom.xml" package >"$LOG_DIR/infra-resolve.log" 2>&1 \
      || die "could not resolve WireMock (log: $LOG_DIR/infra-resolve.log)"
    jar=$(ls "$DEPLOY_DIR"/infra/target/wiremock/wiremock-standalone-*.jar | head -1)
  fi
  port_open "$STUB_PORT" && die "port $STUB_PORT is taken by another process; the SMS stub cannot start"
  export SMS_CALLBACK_SECRET VOICE_CALLBACK_SECRET SMS_STUB_CALLBACK_URL
  SMS_CALLBACK_SECRET=$(callback_secret sms); VOICE_CALLBACK_SECRET=$(callback_secret voice)
  SMS_STUB_CALLBACK_URL=${SMS_STUB_CALLBACK_URL:-http://127.0.0.1:${SERVICE_PORT[notification]}}
  (exec java -Xmx256m -XX:+UseSerialGC -jar "$jar" --bind-address 127.0.0.1 --port "$STUB_PORT" \
      --root-dir "$DEPLOY_DIR/infra/smsstub" --max-request-journal-entries 200000 \
      --async-response-enabled true --disable-banner \
      --permitted-system-keys 'SMS_CALLBACK_SECRET,VOICE_CALLBACK_SECRET,SMS_STUB_CALLBACK_URL' >>"$STUB_LOG" 2>&1) &
  echo $! > "$PID_DIR/smsstub.pid"
  wait_for "SMS stub" 30 "$STUB_LOG" curl -fsS "http://127.0.0.1:$STUB_PORT/__admin/health"
  ok "SMS stub on http://127.0.0.1:$STUB_PORT (received messages: /__admin/requests)"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid smsstub 10 ;;
  status) pid_alive smsstub && echo "smsstub: up (pid $(cat "$PID_DIR/smsstub.pid"))" || echo "smsstub: down" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
