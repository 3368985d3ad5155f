#!/usr/bin/env bash
# Runs every test against real PostgreSQL (private clusters in .pgdata/, started and stopped by the tests).
# Results (trx) go to TestResults/; the last line says how many passed and failed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh browser
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rm -rf TestResults
dotnet build CsKpi.sln -c Release

# The test assemblies run side by side, each with its own PostgreSQL cluster and its own results folder.
status=0
pids=()
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" \
    --results-directory "TestResults/$name" "$@" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done

# Sum the counters of every test assembly's trx file into one closing line.
passed=0; failed=0; skipped=0
for trx in TestResults/*/*.trx; do
  [[ -e "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$(value total); executed=$(value executed)
  p=$(value passed); f=$(value failed); e=$(value error); t=$(value timeout)
  passed=$((passed + p)); failed=$((failed + f + e + t)); skipped=$((skipped + total - executed))
done
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi  # the run broke before recording a failure
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
