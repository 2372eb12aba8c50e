#!/usr/bin/env bash
# Rebuilds the communes file (columns of shared/data/communes.csv) from the official Code officiel géographique.
#
#   deploy/data/communes/refresh.sh [--out FILE] [--package-version 6.0.0] [--offline DIR]
#
# Online (default): installs @etalab/decoupage-administratif (npm registry; 6.0.0 = COG 2026, 5.3.0 = COG 2025, ...)
# and asks geo.api.gouv.fr for every commune's centre and surface, then writes FILE (default
# deploy/data/communes/target/communes.csv) and FILE.source.txt ("cog=2026", sources, row count, date).
# --offline DIR: reads communes.json, epci.json, geo.json and cog-year.txt from DIR instead (no network; the test
# fixture is deploy/data/communes/fixture). Needs node >= 18 and, online, npm and curl.
# The environment's file is not overwritten: point maillage.communes.file (COMMUNES_FILE) at FILE, or copy it over
# shared/data/communes.csv where you own that file. Paris/Lyon/Marseille's arrondissements come from the platform's
# communes-plm.csv in both cases.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/target/communes.csv"
version="6.0.0"
offline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --package-version) version="$2"; shift 2 ;;
    --offline) offline="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
command -v node >/dev/null || { echo "node is needed" >&2; exit 1; }

if [ -n "$offline" ]; then
  exec node "$here/refresh.mjs" "$offline" "$out"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "Installing @etalab/decoupage-administratif@$version ..." >&2
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "@etalab/decoupage-administratif@$version" >/dev/null)
pkg="$work/node_modules/@etalab/decoupage-administratif"
cp "$pkg/data/communes.json" "$pkg/data/epci.json" "$work/"
# the COG year of this package version, from its README's table « | 2026 | 6.0.0 | »
year="$(grep -E "^\| *[0-9]{4} *\| *$version *\|" "$pkg/README.md" | head -1 | sed -E 's/^\| *([0-9]{4}).*/\1/')"
if [ -z "$year" ]; then
  echo "cannot tell the COG year of @etalab/decoupage-administratif@$version from its README" >&2
  exit 1
fi
echo "$year" > "$work/cog-year.txt"
echo "Asking geo.api.gouv.fr for the communes' centres and surfaces ..." >&2
curl -fsS --retry 3 --max-time 300 -o "$work/geo.json" \
  "https://geo.api.gouv.fr/communes?fields=code,centre,surface&format=json&geometry=centre"
node "$here/refresh.mjs" "$work" "$out" "$version"
