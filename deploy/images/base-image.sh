#!/usr/bin/env bash
# The base image of Maillage's images where no container registry is reachable (this kind of machine, an offline CI):
# Debian bookworm (minbase) with Debian's OpenJDK 17 JRE, assembled from Debian packages by mmdebstrap, written as an
# image archive in the format of 'docker save' (manifest.json, config, one gzipped layer), which Jib takes as a base
# image given as tar://<file> (deploy/images/build.sh). A CI with a registry uses the default base instead
# (quarkus.jib.base-jvm-image: eclipse-temurin:17-jre, in platform's and web's configuration).
#   deploy/images/base-image.sh [FILE]     (default $MAILLAGE_RUN/images/base-jre17.tar; kept once built, ~2.5 min)
source "$(dirname "$0")/../lib/common.sh"

out=${1:-$MAILLAGE_RUN/images/base-jre17.tar}
if [ -s "$out" ]; then ok "base image $out already built (delete it to build it again)"; exit 0; fi
command -v mmdebstrap >/dev/null || apt_install mmdebstrap
mkdir -p "$(dirname "$out")"
work=$(mktemp -d "$MAILLAGE_RUN/images/base.XXXXXX")
trap 'rm -rf "$work"' EXIT

log "base image: Debian bookworm + openjdk-17-jre-headless (mmdebstrap, log: $LOG_DIR/images-base.log)"
# Documentation, manual pages and translations are left out (the alternatives of the JRE need man1 to exist); the
# package lists and caches are dropped after the install: the image only runs Java.
mmdebstrap --variant=minbase --include=openjdk-17-jre-headless \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --essential-hook='mkdir -p "$1"/usr/share/man/man1' \
  --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
  bookworm "$work/rootfs.tar" http://deb.debian.org/debian >"$LOG_DIR/images-base.log" 2>&1 \
  || die "mmdebstrap failed (log: $LOG_DIR/images-base.log)"

diff_id=sha256:$(sha256sum "$work/rootfs.tar" | cut -d' ' -f1)
gzip -1 "$work/rootfs.tar"   # Jib keeps gzipped layers as they are instead of compressing them at each image build
jre=$(tar -tzf "$work/rootfs.tar.gz" | awk '/^\.?\/?usr\/lib\/jvm\/java-17-openjdk-[a-z0-9]+\/bin\/java$/ && !jre {jre = $0} END {print jre}' \
  | sed 's#^\./#/#; s#^usr#/usr#; s#/bin/java$##')
[ -n "$jre" ] || die "no Java 17 in the base image"
jq -n --arg diff "$diff_id" --arg jre "$jre" --arg created "$(date -u +%Y-%m-%dT%H:%M:%SZ)" '{
  architecture: "amd64", os: "linux", created: $created,
  config: { Env: ["PATH=\($jre)/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "JAVA_HOME=\($jre)", "LANG=C.UTF-8"],
            Cmd: ["/bin/sh"],
            Labels: { "org.opencontainers.image.description": "Debian bookworm (minbase) + openjdk-17-jre-headless, assembled by mmdebstrap (deploy/images/base-image.sh)" } },
  rootfs: { type: "layers", diff_ids: [$diff] },
  history: [{ created: $created, created_by: "deploy/images/base-image.sh (mmdebstrap bookworm + openjdk-17-jre-headless)" }]
}' > "$work/config.json"
mv "$work/rootfs.tar.gz" "$work/layer.tar.gz"
jq -n '[{ Config: "config.json", RepoTags: ["maillage/base-jre17:bookworm"], Layers: ["layer.tar.gz"] }]' > "$work/manifest.json"
tar -C "$work" -cf "$out.tmp" manifest.json config.json layer.tar.gz && mv "$out.tmp" "$out"
ok "base image written: $out ($(du -h "$out" | cut -f1); Java at $jre)"
