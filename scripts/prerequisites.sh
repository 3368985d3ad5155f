#!/usr/bin/env bash
# Installs what CsKpi needs from Debian's packages when it is missing: PostgreSQL server binaries (always) and
# Chromium (with the argument "browser", for the browser tests). Needs root or sudo only when something is missing.
set -euo pipefail

missing=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if [[ "${1:-}" == "browser" ]] && [[ ! -x /usr/bin/chromium ]]; then
  missing+=(chromium)
fi
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "Installing ${missing[*]} with apt-get…"
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian's package starts a system cluster on port 5432; CsKpi runs its own private one, so leave that one alone.
