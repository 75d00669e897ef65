#!/usr/bin/env bash
# Builds the console and GraphiQL (web/) into web/dist, which Maven packages as the jar's static resources.
# Uses the system's npm (the build already needs it for the engine); `npm ci` runs only when package-lock.json
# changed since the last install, so a rebuild costs the Vite build alone (a few seconds).
set -euo pipefail
cd "$(dirname "$0")/../web"
want=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.rastro-lock-sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
npm run --silent build -- --logLevel warn
