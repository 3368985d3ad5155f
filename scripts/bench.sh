#!/usr/bin/env bash
# Every benchmark, one after another, printed and written to docs/performance.md as its "Recorded run" section
# (replacing the previous one: the file holds current numbers, git the history): the month's KPI set at each size
# against hand-written SQL, the overview's numbers at each size (Core, no cache), the 1M-row import against five
# same-run psql \copy loads, and the overview page with one and eight signed-in users (with and without its cache)
# and the web process's memory.
#
#   scripts/bench.sh [SIZES...]        # default: 100000 1000000 (10000000 works too: allow an hour and ~20 GB)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-100000 1000000}")
read -r -a sizes <<< "${sizes[*]}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build CsKpi.sln -c Release -v q -nologo >/dev/null
cli=(dotnet src/CsKpi.Cli/bin/Release/net10.0/cskpi.dll)
out=$(mktemp)
{
  echo
  echo "### $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)," \
    "commit $(git rev-parse --short HEAD)"
  for n in "${sizes[@]}"; do
    echo; echo "KPI report, one month, $n tickets:"; echo
    "${cli[@]}" bench kpi --tickets "$n" --runs 15 | grep -E '^\|'
    echo; echo "Overview numbers (Core, no cache), one month, $n tickets:"; echo
    "${cli[@]}" bench overview --tickets "$n" --runs 20 | grep -E '^\||^Client'
  done
  echo; echo "Import, 1M ticket rows:"; echo
  "${cli[@]}" bench import --rows 1000000 | grep -E '^\|'
  echo; echo "Overview, ${sizes[-1]} tickets:"; echo; echo '```'
  scripts/bench-overview.sh "${sizes[-1]}" | grep -v '^installing'
  echo '```'
} | tee "$out"
# Everything from the "Recorded run" heading on is the previous run: replaced.
sed -i '/^## Recorded run$/,$d' docs/performance.md
printf '## Recorded run\n\nWritten by `scripts/bench.sh` (the latest run only).\n' >> docs/performance.md
cat "$out" >> docs/performance.md
echo "written to docs/performance.md"
