#!/usr/bin/env bash
# Installs everything this repo needs on a fresh machine that has only Node.js 20 and npm:
# the pinned pnpm (corepack is not used: its signature check fails against some registries),
# Debian's Chromium for the report test (never a downloaded browser), and the workspace dependencies
# from the frozen lockfile. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  echo "setup: installing pnpm@$pnpm_version with npm"
  npm install --global --no-fund --no-audit "pnpm@$pnpm_version"
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian's chromium (for the HTML report test)"
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing; install Debian's 'chromium' package for the report test" >&2
  fi
fi

pnpm install --frozen-lockfile
