#!/usr/bin/env bash
# The merged OpenAPI document of Maillage (the one the gateway serves at /openapi), from the documents the four
# services' builds store in <svc>-service/target/openapi/openapi.json, merged by merge-openapi.jq.
#   deploy/gateway/merge-openapi.sh OUT [SERVER_URL]
# SERVER_URL (default http://127.0.0.1:$GATEWAY_PORT, the local gateway) is the document's one server.
# Called by gateway.sh (start, openapi) and by the clients module's build (clients/pom.xml), so the generated clients
# and the gateway describe the same API.
source "$(dirname "$0")/../lib/common.sh"

out=${1:?usage: $0 OUT [SERVER_URL]}
server=${2:-http://127.0.0.1:$GATEWAY_PORT}
need_commands jq:jq

docs=()
for svc in "${SERVICES[@]}"; do
  f=$ROOT_DIR/$svc-service/target/openapi/openapi.json
  [ -f "$f" ] || die "missing $f: build the services first (./mvnw package -DskipTests; deploy/maillage up builds them)"
  docs+=("$f")
done
services_json=$(printf '%s\n' "${SERVICES[@]}" | jq -R . | jq -s -c .)
mkdir -p "$(dirname "$out")"
jq -s --arg server "$server" --argjson services "$services_json" \
   -f "$DEPLOY_DIR/gateway/merge-openapi.jq" "${docs[@]}" > "$out.tmp" \
  || die "OpenAPI merge failed (see the message above)"
mv "$out.tmp" "$out"
