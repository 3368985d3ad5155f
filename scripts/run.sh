#!/usr/bin/env bash
# Runs the dashboard. With no connection string (ConnectionStrings__CsKpi or CSKPI_CONNECTION) it starts a private
# PostgreSQL in .pgdata/dev with `cskpi db up` and hands its connection string to the app, which migrates it, loads
# demo data into an empty database and prints the URL. The cluster stops with the app unless it was running before.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
url="${CSKPI_URL:-http://localhost:5080}"

if [[ -z "${ConnectionStrings__CsKpi:-}${CSKPI_CONNECTION:-}" ]]; then
  dotnet build src/CsKpi.Cli -c Release -v quiet -nologo
  cskpi() { dotnet run --project src/CsKpi.Cli -c Release --no-build -- "$@"; }
  if [[ $(cskpi db status) == stopped* ]]; then
    trap 'cskpi db down' EXIT
  fi
  CSKPI_CONNECTION="$(cskpi db up)"
  export CSKPI_CONNECTION
fi

dotnet run --project src/CsKpi.Web -c Release --no-launch-profile -- \
  --urls "$url" --Database:LoadDemoDataWhenEmpty=true "$@"
