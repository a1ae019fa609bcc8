#!/usr/bin/env bash
# `pnpm release`: build, check what would be published, then publish with changesets.
# In CI (CI set) it stops after the dry run: nothing is ever written to a registry from CI.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm turbo run build --output-logs=errors-only
bash scripts/release-check.sh
if [ -n "${CI:-}" ]; then
  echo "release: CI is set, dry run only (nothing published)"
  exit 0
fi
pnpm exec changeset publish
