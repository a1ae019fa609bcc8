#!/usr/bin/env bash
# `pnpm release`: build, check what would be published, then publish with changesets.
# In CI (CI set) it stops after the dry run, unless RELEASE=1: only the release workflow
# (.github/workflows/release.yml, through the changesets action) sets that and publishes.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm turbo run build --output-logs=errors-only
bash scripts/release-check.sh
if [ -n "${CI:-}" ] && [ "${RELEASE:-}" != "1" ]; then
  echo "release: CI is set, dry run only (nothing published; RELEASE=1 publishes)"
  exit 0
fi
pnpm exec changeset publish
