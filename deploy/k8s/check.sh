#!/usr/bin/env bash
# Checks of the deployment beyond one machine, run by 'deploy/maillage test':
#  1. both overlays render (kubectl kustomize) and validate against the Kubernetes and CRD schemas,
#     and the compose file against the Compose schema;
#  2. the generated KafkaTopic resources are up to date with deploy/topics.txt;
#  3. every topic named in the services' code/config is a KafkaTopic, and every KafkaTopic is used;
#  4. the Kubernetes gateway serves exactly the routes of deploy/gateway/routes.conf;
#  5. security (issue 16): the generated KafkaUser resources are up to date with topics.txt and the services'
#     configuration, and validate/security-checks.mjs holds on both overlays (default-deny NetworkPolicy, one policy per
#     Deployment, services reachable from the gateway only, Kafka listeners authenticated with ACLs matching
#     topics.txt, credentials and sealing key wired, Ingress with TLS; issue 17: the web module reachable from the gateway
#     only and reaching only the gateway and DNS, without database, Kafka or sealing credentials); the Kubernetes gateway
#     takes the client's address from the ingress (real_ip);
#  6. monitoring (issue 23): the PodMonitor and PrometheusRule validate against the Prometheus Operator's CRD schemas
#     (in 1.), every alert and every Grafana panel query is PromQL that parses and names only meters listed in
#     monitoring/meters.txt (which the services' MetricsTest assert on their /q/metrics), the dashboard is well-formed JSON.
#  7. images (issue 23): every service's and web's Deployment, in both overlays, and the compose file run exactly the
#     image the build produces (name and tag: the module's quarkus.container-image.image; and the name:tag inside
#     <module>/target/jib-image.tar when 'deploy/maillage images' has built it) — validate/image-checks.mjs.
source "$(dirname "$0")/../lib/common.sh"

K8S=$DEPLOY_DIR/k8s
OUT=$MAILLAGE_RUN/k8s
mkdir -p "$OUT"
failures=0
fail() { printf '%s[maillage] k8s check FAILED:%s %s\n' "$RED" "$RESET" "$*" >&2; failures=$((failures + 1)); }

command -v kubectl >/dev/null || apt_install kubernetes-client
command -v node >/dev/null || apt_install nodejs npm
if [ ! -d "$DEPLOY_DIR/infra/target/strimzi/crds" ]; then
  mvn_cmd -B -q -ntp -f "$DEPLOY_DIR/infra/pom.xml" package >"$LOG_DIR/infra-resolve.log" 2>&1 \
    || die "could not resolve the Strimzi CRDs (log: $LOG_DIR/infra-resolve.log)"
fi
if [ ! -d "$K8S/validate/node_modules/kubernetes-models" ] || [ ! -d "$K8S/validate/node_modules/@prometheus-io/lezer-promql" ]; then
  (cd "$K8S/validate" && npm ci --no-audit --no-fund >"$LOG_DIR/k8s-validate-npm.log" 2>&1) \
    || die "could not install the manifest validator (log: $LOG_DIR/k8s-validate-npm.log)"
fi

# 1. render and validate (the local overlay's credentials are generated, never in git)
"$K8S/overlays/local/make-secrets.sh" >/dev/null
for overlay in local production; do
  kubectl kustomize "$K8S/overlays/$overlay" > "$OUT/$overlay.yaml" 2>"$OUT/$overlay.err" \
    || { fail "overlay $overlay does not render: $(cat "$OUT/$overlay.err")"; continue; }
done
node "$K8S/validate/validate.mjs" "$DEPLOY_DIR/infra/target/strimzi/crds/v1beta2" "$OUT/local.yaml" "$OUT/production.yaml" \
  || fail "manifests do not validate (see above)"

# The compose file against the Compose specification's schema (dclint; style rules off).
(cd "$K8S/validate" && npx --no-install dclint -q -c dclint.config.json "$DEPLOY_DIR/compose.yaml") \
  || fail "deploy/compose.yaml does not validate against the Compose schema"

# 2. generated topics up to date
"$K8S/generate-topics.sh" "$OUT/topics.yaml"
diff -u "$K8S/base/kafka/topics.yaml" "$OUT/topics.yaml" >/dev/null \
  || fail "deploy/k8s/base/kafka/topics.yaml is stale: run deploy/k8s/generate-topics.sh"

# 3. topics: code/config <-> topics.txt <-> KafkaTopic resources
declared=$(awk '!/^#/ && NF {print $1}' "$DEPLOY_DIR/topics.txt" | sort -u)
in_k8s=$(grep -E '^  topicName: ' "$OUT/production.yaml" | awk '{print $2}' | sort -u)
in_code=$( { grep -rhoE '^[^#]*topic=[A-Za-z0-9._-]+' "$ROOT_DIR"/*-service/src/main/resources/application.properties | sed 's/.*topic=//';
             grep -rhoE '"(directory|offers|booking|notification)\.[a-z0-9-]+\.v[0-9]+"' "$ROOT_DIR"/*-service/src/main/java | tr -d '"'; } | sort -u)
[ "$declared" = "$in_k8s" ] || fail "topics.txt and KafkaTopic resources differ: $(diff <(echo "$declared") <(echo "$in_k8s") | grep '^[<>]' | tr '\n' ' ')"
missing=$(comm -23 <(echo "$in_code") <(echo "$in_k8s"))
[ -z "$missing" ] || fail "topics used by the services but not declared as KafkaTopic: $missing"
unused=$(comm -13 <(echo "$in_code") <(echo "$in_k8s"))
[ -z "$unused" ] || fail "KafkaTopic resources that no service uses: $unused"

# 4. gateway routes: the ConfigMap rendered for Kubernetes vs deploy/gateway/routes.conf
route_lines() { grep -oE 'location [^{]+' | sed 's/ *$//' | sort; }
local_routes=$(route_lines < "$DEPLOY_DIR/gateway/routes.conf")
k8s_routes=$(node -e '
  const { parseAllDocuments } = require(process.argv[2]);
  const docs = parseAllDocuments(require("fs").readFileSync(process.argv[1], "utf8")).map(d => d.toJS());
  const cm = docs.find(d => d && d.kind === "ConfigMap" && d.metadata.name.startsWith("maillage-gateway"));
  process.stdout.write(cm ? cm.data["routes.conf"] : "");' "$OUT/production.yaml" "$K8S/validate/node_modules/yaml" | route_lines)
[ -n "$k8s_routes" ] || fail "no routes.conf in the Kubernetes gateway ConfigMap"
[ "$local_routes" = "$k8s_routes" ] || fail "gateway routes differ between deploy/gateway/routes.conf and Kubernetes"
grep -q 'include server.conf' "$DEPLOY_DIR/gateway/nginx-kubernetes.conf" && grep -q 'include routes.conf' "$DEPLOY_DIR/gateway/server.conf" \
  || fail "the Kubernetes gateway does not include the shared server.conf/routes.conf"

# 5. security: Kafka users and ACLs, NetworkPolicies, secrets, ingress
"$K8S/generate-kafka-users.sh" "$OUT/users.yaml"
diff -u "$K8S/base/kafka/users.yaml" "$OUT/users.yaml" >/dev/null \
  || fail "deploy/k8s/base/kafka/users.yaml is stale: run deploy/k8s/generate-kafka-users.sh"
for overlay in local production; do
  [ -f "$OUT/$overlay.yaml" ] || continue
  node "$K8S/validate/security-checks.mjs" "$DEPLOY_DIR/topics.txt" "$OUT/$overlay.yaml" || fail "overlay $overlay: security checks (see above)"
done
grep -q 'include real-ip.conf' "$DEPLOY_DIR/gateway/nginx-kubernetes.conf" && grep -q '^ *real_ip_header X-Forwarded-For' "$DEPLOY_DIR/gateway/nginx-kubernetes.conf" \
  && grep -q '^set_real_ip_from ' "$DEPLOY_DIR/gateway/real-ip.conf" \
  || fail "the Kubernetes gateway does not take the client's address from the ingress (real_ip, real-ip.conf)"

# 6. monitoring: alerts and dashboard queries name only the meters the services expose
for overlay in local production; do
  [ -f "$OUT/$overlay.yaml" ] || continue
  node "$K8S/validate/monitoring-checks.mjs" "$K8S/monitoring/meters.txt" "$OUT/$overlay.yaml" || fail "overlay $overlay: monitoring checks (see above)"
done

# 7. images: the Deployments and the compose file run the build's images
overlays=(); for overlay in local production; do [ -f "$OUT/$overlay.yaml" ] && overlays+=("$OUT/$overlay.yaml"); done
node "$K8S/validate/image-checks.mjs" "$ROOT_DIR" "$DEPLOY_DIR/compose.yaml" "${overlays[@]}" \
  || fail "the Deployments or the compose file do not run the images the build produces (see above)"

[ $failures -eq 0 ] || die "$failures Kubernetes check(s) failed"
ok "Kubernetes manifests (local, production) and compose file valid; topics, Kafka users and gateway routes consistent with the code; network policies, Kafka ACLs, secrets and ingress checked; alerts and dashboard name only exposed meters; Deployments and compose run the build's images"
