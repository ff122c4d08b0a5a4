#!/usr/bin/env bash
# Install the Debian packages Innspill needs that are missing, and nothing else.
#   scripts/debian-packages.sh            what `make install` needs (Python's venv module)
#   scripts/debian-packages.sh test       ... and Chromium for the browser tests, and
#                                         redis-server for the Redis-backed job-queue tests
#   scripts/debian-packages.sh ci         ... and make and PostgreSQL for .ci/run
# Runs apt-get as root or through passwordless sudo; otherwise says what to install and fails.
set -euo pipefail
level="${1:-app}"
need=()
# Debian splits venv/ensurepip out of python3.11; a Python built elsewhere has them.
python3.11 -c 'import ensurepip, venv' >/dev/null 2>&1 || need+=(python3.11 python3.11-venv)
if [ "$level" = test ] || [ "$level" = ci ]; then
  command -v chromium >/dev/null || need+=(chromium fonts-dejavu-core)
  command -v redis-server >/dev/null || need+=(redis-server)
fi
if [ "$level" = ci ]; then
  command -v make >/dev/null || need+=(make)
  ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
fi
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ]; then
  SUDO=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO=(sudo)
else
  echo "Innspill needs these Debian packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
