#!/usr/bin/env bash
# What `pnpm release` would publish, checked without writing to any registry:
# pending changesets, each publishable package packed and linted (publint, are-the-types-wrong),
# and a dry-run publish. Run after `pnpm build`.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== pending changesets"
pnpm exec changeset status --verbose

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for dir in packages/*/; do
  name=$(node -p "require('./${dir}package.json').name")
  private=$(node -p "Boolean(require('./${dir}package.json').private)")
  [ "$private" = "true" ] && continue
  echo "== $name"
  tarball=$(cd "$dir" && pnpm pack --pack-destination "$out" | tail -n 1)
  pnpm exec publint run "$tarball" --strict
  pnpm exec attw "$tarball" --profile esm-only --format table-flipped
done

echo "== dry-run publish (nothing is written to a registry)"
pnpm -r --filter './packages/*' publish --dry-run --no-git-checks --access public 2>&1 | grep -E '^(npm notice|\+|@forge-queue)' || true
