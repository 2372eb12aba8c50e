#!/usr/bin/env bash
# Lints Maillage's contract, the merged OpenAPI document the gateway serves at /openapi, with Spectral's standard
# ruleset (deploy/.spectral.yaml: spectral:oas). Fails on any error and on any operation-* warning (operationId,
# tags, descriptions, success responses of the operations), printing Spectral's findings; other warnings are
# counted by rule. Run by 'deploy/maillage test' after the module build and by 'deploy/maillage lint-api'.
#   deploy/gateway/lint-openapi.sh [DOCUMENT]
# Without DOCUMENT, merges the services' built documents (deploy/gateway/merge-openapi.sh) into
# $MAILLAGE_RUN/openapi/openapi.json first. Spectral is the version pinned in deploy/package.json and
# deploy/package-lock.json, installed once by npm ci into deploy/node_modules (git-ignored), never globally (node_tool).
source "$(dirname "$0")/../lib/common.sh"
need_commands jq:jq

doc=${1:-}
if [ -z "$doc" ]; then
  doc=$MAILLAGE_RUN/openapi/openapi.json
  "$DEPLOY_DIR/gateway/merge-openapi.sh" "$doc"
fi
[ -f "$doc" ] || die "no OpenAPI document at $doc"

spectral=$(node_tool spectral)

findings=$(mktemp)
trap 'rm -f "$findings"' EXIT
# Exit status 1 only means "findings at or above --fail-severity": the verdict below is ours.
"$spectral" lint --ruleset "$DEPLOY_DIR/.spectral.yaml" --format json --fail-severity error --quiet "$doc" >"$findings" \
  || [ "$?" = 1 ] || { cat "$findings" >&2; die "Spectral did not run"; }
jq -e 'type == "array"' "$findings" >/dev/null 2>&1 || { cat "$findings" >&2; die "Spectral's output is not a list of findings"; }

# severity: 0 error, 1 warning, 2 information, 3 hint
blocking=$(jq -r '[.[] | select(.severity == 0 or (.severity == 1 and (.code | startswith("operation-"))))]
  | .[] | "  \(if .severity == 0 then "error  " else "warning" end) \(.code)  \(.path | map(tostring) | join(" > "))\n      \(.message)"' "$findings")
counts=$(jq -r '"\([.[] | select(.severity == 0)] | length) errors, \([.[] | select(.severity == 1)] | length) warnings"' "$findings")
others=$(jq -r '[.[] | select(.severity == 1 and (.code | startswith("operation-") | not))] | group_by(.code)
  | map("\(.[0].code) \(length)") | join(", ")' "$findings")
if [ -n "$blocking" ]; then
  printf '%s\n' "$blocking" >&2
  die "the OpenAPI contract ($doc) fails Spectral's spectral:oas: $counts (errors and operation-* warnings are not allowed)"
fi
ok "OpenAPI contract passes Spectral's spectral:oas: $counts${others:+ (not blocking: $others)}"
