#!/usr/bin/env bash
# The apps a push should deploy: `scripts/changed-apps.sh <base-commit>` prints a JSON array of
# { name, path, product }, every app whose files or workspace dependencies changed since the base
# (turbo's `...[base]` filter), or every app when the base is unknown (first push, shallow clone).
# Needs the workspace installed and @forge-queue/ci built (`pnpm turbo run build --filter=@forge-queue/ci`).
set -euo pipefail
cd "$(dirname "$0")/.."
exec node packages/ci/bin/changed-apps.js "$@"
