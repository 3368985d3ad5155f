#!/usr/bin/env bash
# Runs the dashboard. With no connection string (ConnectionStrings__CsKpi or CSKPI_CONNECTION) it starts a private
# PostgreSQL in .pgdata/dev with `cskpi db up` and hands its connection string to the app, which migrates it, loads
# demo data into an empty database and prints the URL. The cluster stops with the app unless it was running before.
# Each slow step says what it is doing first: a first run spends a few silent minutes in apt-get, restore and build.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo "run.sh: $*"; }
# A step's own output only when it fails (dotnet build prints its summary even with -v quiet).
quietly() { local out; if ! out=$("$@" 2>&1); then echo "$out" >&2; return 1; fi; }

step "Checking for the PostgreSQL server (installed with apt-get if missing)…"
scripts/prerequisites.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
url="${CSKPI_URL:-http://localhost:5080}"

step "Restoring packages (first run: about a minute)…"
quietly dotnet restore src/CsKpi.Web
step "Building the dashboard (first run: about a minute)…"
quietly dotnet build src/CsKpi.Web -c Release --no-restore

if [[ -z "${ConnectionStrings__CsKpi:-}${CSKPI_CONNECTION:-}" ]]; then
  quietly dotnet restore src/CsKpi.Cli
  step "Building the command line (cskpi)…"
  quietly dotnet build src/CsKpi.Cli -c Release --no-restore
  cskpi() { dotnet run --project src/CsKpi.Cli -c Release --no-build -- "$@"; }
  if [[ $(cskpi db status) == stopped* ]]; then
    trap 'cskpi db down' EXIT
  fi
  step "Starting the local PostgreSQL (.pgdata/dev)…"
  CSKPI_CONNECTION="$(cskpi db up)"
  export CSKPI_CONNECTION
fi

step "Starting the dashboard (a first start also loads the demo data: up to a minute)…"
dotnet run --project src/CsKpi.Web -c Release --no-build --no-launch-profile -- \
  --urls "$url" --Database:LoadDemoDataWhenEmpty=true "$@"
