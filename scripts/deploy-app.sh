#!/usr/bin/env bash
# An app's `pnpm run deploy [environment] [forge deploy options...]` (run from apps/<app>/):
# builds the app and every workspace package it depends on with turbo (Forge's bundler needs the
# library's built dist/), then `forge deploy --non-interactive -e <environment>`. A failed build
# stops here: nothing is deployed. Environment: development (default), staging, production, or a
# custom Forge development environment. Credentials: `forge login`, or FORGE_EMAIL and
# FORGE_API_TOKEN in the environment (CI).
set -euo pipefail
if [ "${1:-}" = "--" ]; then shift; fi
environment=${1:-development}
if [ $# -gt 0 ]; then shift; fi
if ! [[ "$environment" =~ ^[a-z0-9][a-z0-9-]*$ ]]; then
  echo "deploy: the first argument must be a Forge environment name (lower-case letters, digits, '-'), such as development, staging or production; got '$environment'" >&2
  exit 2
fi
if [ ! -f manifest.yml ] || [ ! -f package.json ]; then
  echo "deploy: run it from an app folder (manifest.yml and package.json); $(pwd) has none" >&2
  exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
name=$(node -p "require('./package.json').name")

echo "deploy: building $name and its workspace dependencies (turbo)"
(cd "$root" && TURBO_TELEMETRY_DISABLED=1 "$root/node_modules/.bin/turbo" run build --filter="$name..." --output-logs=errors-only)

echo "deploy: forge deploy $name to $environment"
exec forge deploy --non-interactive -e "$environment" "$@"
