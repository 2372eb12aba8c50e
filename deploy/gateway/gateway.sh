#!/usr/bin/env bash
# The API gateway: nginx (Debian package) on 127.0.0.1:8080 with deploy/gateway/nginx.conf.
#   deploy/gateway/gateway.sh start|stop|reload|status|openapi
source "$(dirname "$0")/../lib/common.sh"

PREFIX=$MAILLAGE_RUN/gateway
CONF=$DEPLOY_DIR/gateway/nginx.conf
GW_LOG=$LOG_DIR/gateway.log
GATEWAY_URL=${GATEWAY_URL:-http://127.0.0.1:$GATEWAY_PORT}

nginx_bin() { command -v nginx || echo /usr/sbin/nginx; }

prepare_prefix() {
  apt_install nginx-light jq
  mkdir -p "$PREFIX"/{logs,tmp,html}
  # nginx resolves relative includes against the configuration's directory: link our files into the prefix.
  local conf
  for conf in "$DEPLOY_DIR"/gateway/*.conf "$DEPLOY_DIR/gateway/cors-origins.map"; do
    ln -sf "$conf" "$PREFIX/$(basename "$conf")"
  done
  write_limits
  ln -sfn "$PREFIX/logs" "$LOG_DIR/gateway"
}

# Flood cap and CORS origins: the defaults of limits.conf and cors-origins.map, unless overridden from the
# environment (for a deployment, or a benchmark that must not be throttled):
#   MAILLAGE_RATE_IP (e.g. 300r/s: every request of one client address, whatever its headers; burst 600 in server.conf)
#   MAILLAGE_CORS_ORIGINS (space-separated origins, e.g. "https://portail.somme.fr http://localhost:3000")
# The per-caller limits (anonymous, per token subject, booking creation) are the services' own: MAILLAGE_RATE_LIMIT_*
# (deploy/services.sh).
write_limits() {
  if [ -n "${MAILLAGE_RATE_IP:-}" ]; then
    rm -f "$PREFIX/limits.conf"
    cat > "$PREFIX/limits.conf" <<CONF
limit_req_zone \$binary_remote_addr zone=maillage_ip:10m rate=${MAILLAGE_RATE_IP};
CONF
  fi
  if [ -n "${MAILLAGE_CORS_ORIGINS:-}" ]; then
    rm -f "$PREFIX/cors-origins.map"
    local origin
    for origin in $MAILLAGE_CORS_ORIGINS; do
      [[ "$origin" =~ ^https?://[A-Za-z0-9.-]+(:[0-9]+)?$ ]] || die "MAILLAGE_CORS_ORIGINS: '$origin' is not an origin (scheme://host[:port])"
      printf '"%s" "%s";\n' "$origin" "$origin" >> "$PREFIX/cors-origins.map"
    done
  fi
}

# Swagger UI (from the org.webjars:swagger-ui jar resolved by deploy/infra/pom.xml) showing /openapi.
install_docs() {
  local ui; ui=$(ls -d "$DEPLOY_DIR"/infra/target/swagger-ui-jar/META-INF/resources/webjars/swagger-ui/*/ 2>/dev/null | head -1 || true)
  if [ -z "$ui" ]; then
    mvn_cmd -B -q -f "$DEPLOY_DIR/infra/pom.xml" package >"$LOG_DIR/infra-resolve.log" 2>&1 \
      || die "could not resolve Swagger UI (log: $LOG_DIR/infra-resolve.log)"
    ui=$(ls -d "$DEPLOY_DIR"/infra/target/swagger-ui-jar/META-INF/resources/webjars/swagger-ui/*/ | head -1)
  fi
  rm -rf "$PREFIX/html/docs" && cp -r "$ui" "$PREFIX/html/docs"
  cat > "$PREFIX/html/docs/swagger-initializer.js" <<'JS'
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  });
};
JS
}

# The merged OpenAPI document (deploy/gateway/merge-openapi.sh, also used by the clients module's build).
merge_openapi() {
  "$DEPLOY_DIR/gateway/merge-openapi.sh" "$PREFIX/html/openapi.json" "$GATEWAY_URL"
}

start() {
  prepare_prefix
  install_docs
  merge_openapi
  if pid_alive gateway; then
    "$(nginx_bin)" -p "$PREFIX" -c nginx.conf -s reload >>"$GW_LOG" 2>&1 || die "nginx reload failed (log: $GW_LOG)"
    log "gateway already running (pid $(cat "$PID_DIR/gateway.pid")), configuration reloaded"
    return 0
  fi
  port_open "$GATEWAY_PORT" && die "port $GATEWAY_PORT is taken by another process; the gateway cannot start"
  # Each start begins fresh access and error logs (the previous ones are kept as *.log.1), so a run's logs are that run's.
  local f
  for f in access error; do
    if [ -f "$PREFIX/logs/$f.log" ]; then mv -f "$PREFIX/logs/$f.log" "$PREFIX/logs/$f.log.1"; fi
  done
  "$(nginx_bin)" -p "$PREFIX" -c nginx.conf -t >>"$GW_LOG" 2>&1 || die "invalid nginx configuration (log: $GW_LOG)"
  "$(nginx_bin)" -p "$PREFIX" -c nginx.conf >>"$GW_LOG" 2>&1 || die "nginx did not start (log: $GW_LOG, $PREFIX/logs/error.log)"
  wait_for "gateway" 10 "$PREFIX/logs/error.log" test -s "$PREFIX/nginx.pid"
  cp "$PREFIX/nginx.pid" "$PID_DIR/gateway.pid"
  wait_for "gateway" 10 "$PREFIX/logs/error.log" port_open "$GATEWAY_PORT"
  ok "gateway listening on $GATEWAY_URL"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid gateway 10 ;;
  openapi) prepare_prefix; merge_openapi ;;
  status) pid_alive gateway && echo "gateway: up (pid $(cat "$PID_DIR/gateway.pid"))" || echo "gateway: down" ;;
  *) echo "usage: $0 start|stop|status|openapi" >&2; exit 2 ;;
esac
