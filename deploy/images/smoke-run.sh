#!/usr/bin/env bash
# Runs one service's image as a container runtime would, without one: its layers unpacked into a root file system, its
# config's entrypoint, environment, working directory and user, in a chroot with its own PID and mount namespaces and
# /proc (unshare); the host's network, so it reaches the local PostgreSQL and Kafka like a pod reaches their Services.
# Ready means /q/health/ready answers UP on the management port; then one API call, and the process is stopped.
#   deploy/images/smoke-run.sh directory      (after deploy/maillage images; needs root, as chroot does)
# Ports 18181/19181 and database <service>_image, so nothing of a running system is touched.
source "$(dirname "$0")/../lib/common.sh"

svc=${1:?service name}; module=$(module_dir "$svc")
archive=$ROOT_DIR/$module/target/jib-image.tar
[ -f "$archive" ] || die "$archive is missing: deploy/maillage images $svc"
root=$(mktemp -d "$MAILLAGE_RUN/images/root.XXXXXX")
pid=
cleanup() {
  if [ -n "$pid" ]; then
    # unshare ignores SIGTERM while it waits for its child: stop the service itself (java, the child it forked), as a
    # runtime stops a container; KILL (unshare then kills its child) only if it does not end.
    local child; child=$(ps -o pid= --ppid "$pid" | tr -d ' ' || true)
    [ -n "$child" ] && kill "$child" 2>/dev/null
    for _ in $(seq 40); do alive "$pid" || break; sleep 0.5; done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$root"
}
trap cleanup EXIT
mkdir -p "$root/fs"
tar -xOf "$archive" manifest.json > "$root/manifest.json"
config=$(tar -xOf "$archive" "$(jq -r '.[0].Config' "$root/manifest.json")")
for layer in $(jq -r '.[0].Layers[]' "$root/manifest.json"); do
  tar -xOf "$archive" "$layer" | tar -xz --warning=no-unknown-keyword -C "$root/fs"
done

# The image's environment, then what the Deployment would set (here: local database, ports off the standard ones).
mapfile -t image_env < <(jq -r '.config.Env[]' <<<"$config")
mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' <<<"$config")
workdir=$(jq -r '.config.WorkingDir' <<<"$config"); user=$(jq -r '.config.User' <<<"$config")
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null | openssl pkey -pubout > "$root/fs/tmp/jwt.pem"
# its own database (owner: the service's role; the extensions need a superuser, as in deploy/infra/postgres.sh)
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='${svc}_image'\"" | grep -q 1 \
  || su postgres -c "psql -q -c 'CREATE DATABASE \"${svc}_image\" OWNER \"$svc\"'" >/dev/null
su postgres -c "psql -q -d ${svc}_image -c 'CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;'" >/dev/null 2>&1 || true
log "running $(jq -r '.[0].RepoTags[0]' "$root/manifest.json") as user $user in $workdir: ${entrypoint[*]}"
env -i "${image_env[@]}" HTTP_PORT=18181 QUARKUS_MANAGEMENT_PORT=19181 DB_NAME="${svc}_image" \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION=/tmp/jwt.pem MAILLAGE_NOTIFICATION_SMS_LOG_PROVIDER=true \
  MAILLAGE_SEALING_KEY="$(openssl rand -base64 32)" \
  unshare --mount --pid --fork --kill-child --mount-proc="$root/fs/proc" \
  /usr/sbin/chroot --userspec="$user:$user" "$root/fs" /bin/sh -c 'cd "$0" && exec "$@"' "$workdir" "${entrypoint[@]}" \
  >"$LOG_DIR/image-$svc.log" 2>&1 &
pid=$!
t0=$SECONDS
wait_for "the $svc image" 180 "$LOG_DIR/image-$svc.log" \
  bash -c 'curl -sf http://127.0.0.1:19181/q/health/ready | grep -q "\"status\": *\"UP\""'
ok "the $svc image runs: ready in $((SECONDS - t0))s (health UP on the management port; log: $LOG_DIR/image-$svc.log)"
if [ "$svc" = directory ]; then
  # the communes reference inside the image (/shared/data/communes.csv) was loaded
  curl -sf 'http://127.0.0.1:18181/api/v1/communes?q=romagne' | grep -q '"Romagné"\|Romagne' \
    || die "the directory image answers, but without the communes of its /shared/data/communes.csv"
  ok "the directory image serves the communes of the reference it carries"
fi
