#!/usr/bin/env bash
# build-web.sh: builds the web map's assets into web/static/dist/ (web/ui/build.mjs: esbuild bundles
# web/ui and MapLibre GL JS), which `go build` embeds. Runs `npm ci` first when node_modules is
# missing or older than package.json / package-lock.json. Needs Node.js 20+ with npm; nothing is
# fetched at run time, only here, from the npm registry, as pinned by the committed lockfile.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v npm >/dev/null 2>&1; then
  echo "build-web: npm is not installed; install Node.js 20+ with npm, then run again" >&2
  exit 1
fi
stamp=node_modules/.package-lock.json
if [[ ! -f $stamp || package-lock.json -nt $stamp || package.json -nt $stamp ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
