#!/usr/bin/env bash
# Type-checks the generated TypeScript client (clients/pom.xml, test phase) with the TypeScript compiler pinned in
# clients/typescript-check/package-lock.json (installed once into clients/typescript-check/node_modules, from npm's cache
# when it has it, so later builds work offline).
#   clients/typecheck-typescript.sh TYPESCRIPT_CLIENT_DIR
set -euo pipefail
client=${1:?usage: $0 TYPESCRIPT_CLIENT_DIR}
check=$(cd "$(dirname "$0")/typescript-check" && pwd)
command -v npm >/dev/null || { echo "[clients] npm is missing: install Node.js (apt-get install -y nodejs npm) or build with -DskipTests" >&2; exit 1; }
want=$(node -p "require('$check/package.json').devDependencies.typescript")
have=$(node -p "try { require('$check/node_modules/typescript/package.json').version } catch (e) { '' }")
if [ "$have" != "$want" ]; then
  (cd "$check" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
fi
# The generated tsconfig.json is the package's own build configuration: check it as the partner's `npm run build` would.
"$check/node_modules/.bin/tsc" -p "$client/tsconfig.json" --noEmit
echo "[clients] TypeScript client type-checked with tsc $want"
