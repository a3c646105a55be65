#!/usr/bin/env bash
# Installs what the product and its tests need on a Debian machine with Node.js 20.19+:
# the pinned pnpm, Debian's chromium (Playwright drives it) and redis-server, and the dependencies.
# Safe to run again; it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '== %s\n' "$*" >&2; }

pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  say "installing pnpm $pnpm_version"
  # Not corepack: it needs registry signatures that offline mirrors do not serve.
  npm install --global "pnpm@$pnpm_version" >&2
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi

say "installing dependencies"
pnpm install --frozen-lockfile >&2
