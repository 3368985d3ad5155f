#!/usr/bin/env bash
# Runs the dashboard. With no connection string (ConnectionStrings__CsKpi or CSKPI_CONNECTION) it starts a private
# PostgreSQL in .pgdata/, migrates it, loads demo data into an empty database and prints the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
url="${CSKPI_URL:-http://localhost:5080}"
exec dotnet run --project src/CsKpi.Web -c Release --no-launch-profile -- \
  --urls "$url" --Database:LoadDemoDataWhenEmpty=true "$@"
