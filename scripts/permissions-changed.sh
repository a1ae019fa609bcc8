#!/usr/bin/env bash
# `scripts/permissions-changed.sh <app-path> <base-commit>` prints true when the app's manifest.yml
# asks for other permissions (scopes, egress) than at the base: then `forge install --upgrade` must
# run after the deploy for sites to get them. Needs @forge-queue/ci built.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node packages/ci/bin/permissions-changed.js "$@"
