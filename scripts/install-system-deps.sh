#!/bin/sh
# Installs what the tests need from Debian when it is missing: Chromium (Playwright cannot
# download its own browser here), Node.js with npm (for the pinned test LMS packages), and PHP
# with its zip extension (Moodle's zip reader, for validate's tests).
set -e
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
# PHP's ZipArchive is the zip reader Moodle uses: validate's archive tests open their zips with it.
php -m 2>/dev/null | grep -qx zip || missing="$missing php-cli php-zip"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "missing:$missing; install with 'sudo apt-get install$missing'" >&2
  exit 1
fi
apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
