#!/usr/bin/env bash
# The container images of the four services and web, built by the Maven build (Quarkus's Jib extension, profile
# 'images' of the root pom.xml) where there is neither a Docker engine nor a reachable registry: from the offline base
# image of deploy/images/base-image.sh (tar://), each image written as an image archive to <module>/target/jib-image.tar
# (deploy/images/docker-load-to-file), then checked by deploy/images/check-image.sh. Run by 'deploy/maillage images'.
#   deploy/images/build.sh [service...]      (directory offers booking notification web; default: all five)
# With a registry (a real CI), the same build pushes instead, from the default base (eclipse-temurin:17-jre):
#   ./mvnw -Pimages package -DskipTests -Dquarkus.container-image.push=true -Dquarkus.container-image.registry=REGISTRY
source "$(dirname "$0")/../lib/common.sh"

names=("$@"); [ ${#names[@]} -gt 0 ] || names=("${SERVICES[@]}" "$WEB")
modules=(); for n in "${names[@]}"; do modules+=("$(module_dir "$n")"); done
base=$MAILLAGE_RUN/images/base-jre17.tar
"$DEPLOY_DIR/images/base-image.sh" "$base"
for m in "${modules[@]}"; do rm -f "$ROOT_DIR/$m/target/jib-image.tar"; done
log "images of ${names[*]} (Jib, from tar://$base; log: $LOG_DIR/images-build.log)"
t0=$SECONDS
mvn_cmd -B -ntp -f "$ROOT_DIR/pom.xml" -Pimages -pl "$(IFS=,; echo "${modules[*]}")" -am package -DskipTests \
  -Dquarkus.jib.base-jvm-image="tar://$base" \
  -Dquarkus.jib.docker-executable-name="$DEPLOY_DIR/images/docker-load-to-file" >"$LOG_DIR/images-build.log" 2>&1 \
  || { grep -E 'ERROR|Unable' "$LOG_DIR/images-build.log" | head -20 >&2; die "image build failed (log: $LOG_DIR/images-build.log)"; }
log "built in $((SECONDS - t0))s"
# Each archive against the Deployment that runs it (deploy/images/check-image.py); directory and offers carry the
# communes reference (src/main/jib/shared/data/communes.csv, a link to ../shared/data).
python3 -c 'import yaml' 2>/dev/null || apt_install python3-yaml
for n in "${names[@]}"; do
  m=$(module_dir "$n")
  if [ "$n" = "$WEB" ]; then deployment=$DEPLOY_DIR/k8s/base/web/web.yaml; else deployment=$DEPLOY_DIR/k8s/base/services/$m.yaml; fi
  extra=(); [ -e "$ROOT_DIR/$m/src/main/jib/shared/data/communes.csv" ] && extra=("/shared/data/communes.csv=$ROOT_DIR/../shared/data/communes.csv")
  python3 "$DEPLOY_DIR/images/check-image.py" "$ROOT_DIR/$m/target/jib-image.tar" "$deployment" "${extra[@]}" \
    || die "the image of $n does not match its Deployment (above)"
done
ok "images built and checked: ${names[*]} (<module>/target/jib-image.tar; 'docker load -i' or 'skopeo copy docker-archive:' them)"
