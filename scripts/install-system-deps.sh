#!/bin/sh
# Installs what the browser tests need from Debian when it is missing: Chromium (Playwright
# cannot download its own browser here) and Node.js with npm (for the pinned test LMS packages).
set -e
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "missing:$missing; install with 'sudo apt-get install$missing'" >&2
  exit 1
fi
apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
