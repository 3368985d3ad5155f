#!/usr/bin/env bash
# Overview page latency on loopback, signed in as a manager: one user (sequential requests) and 8 concurrent users
# (wrk), plus the web process's peak memory. Numbers go to docs/performance.md.
#
#   scripts/bench-overview.sh [TICKETS] [URL-QUERY]
#
# TICKETS picks the benchmark database that `cskpi bench kpi --tickets N` builds in the local cluster
# (default 1000000); URL-QUERY defaults to December 2025, the month that benchmark measures.
set -euo pipefail
cd "$(dirname "$0")/.."
tickets="${1:-1000000}"
query="${2:-period=custom&from=2025-12-01&to=2025-12-31}"
port="${CSKPI_BENCH_PORT:-5099}"
pg_port="${CSKPI_PG_PORT:-55432}"
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -qq wrk >/dev/null; }

# The benchmark databases live in the local cluster (`cskpi bench kpi` builds them): start it if it is not running.
pgdata="${CSKPI_PGDATA:-$PWD/.pgdata}/dev"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_cluster=false
if ! as_postgres "$pgbin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
  as_postgres "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata.log" -o "-p $pg_port" -w start >/dev/null
  stop_cluster=true
fi
finish() { [[ $stop_cluster == true ]] && as_postgres "$pgbin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null || true; }
trap finish EXIT
# The cluster signs in by password only: its generated password sits beside it, readable by its owner.
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$(cat "$pgdata.password")"
connection+=";Database=cskpi_bench_$tickets"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build CsKpi.sln -c Release -v q -nologo >/dev/null
cli=(dotnet src/CsKpi.Cli/bin/Release/net10.0/cskpi.dll)

"${cli[@]}" db migrate --connection "$connection" >/dev/null
password="bench-$(date +%s%N)"
email="bench-$(date +%s%N)@example.com"
echo "$password" | "${cli[@]}" users add "$email" --role manager --password-stdin --connection "$connection" >/dev/null

# Once without the overview cache (every request computes), once with it (the default: per data version).
run() {
  local label=$1 cache_minutes=$2
  ConnectionStrings__CsKpi="$connection" Serilog__MinimumLevel__Default=Warning \
    Dashboard__CacheMinutes="$cache_minutes" \
    dotnet src/CsKpi.Web/bin/Release/net10.0/CsKpi.Web.dll --urls "http://127.0.0.1:$port" \
    >/tmp/cskpi-bench-web.log 2>&1 &
  web=$!
  trap 'kill $web 2>/dev/null || true; finish' EXIT
  for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done

  # Sign in as a browser would: the form's antiforgery token and cookie, then the session cookie.
  local jar token cookie url times
  jar=$(mktemp)
  token=$(curl -s -c "$jar" "http://127.0.0.1:$port/Account/SignIn" \
    | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  # The session cookie is Secure: read it from the response rather than trusting curl's jar over plain HTTP.
  cookie=$(curl -s -b "$jar" -o /dev/null -D - --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Email=$email" --data-urlencode "Password=$password" "http://127.0.0.1:$port/Account/SignIn" \
    | grep -io '^set-cookie: cskpi.session=[^;]*' | sed 's/^[Ss]et-[Cc]ookie: //')
  [[ -n "$cookie" ]] || { echo "sign-in failed" >&2; exit 1; }
  url="http://127.0.0.1:$port/?$query"

  echo "== $label (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
  # Warm-up: 30 requests, so the JIT's tiers settle as they have in a server that has been up for a while.
  for _ in $(seq 30); do curl -s -o /dev/null -H "Cookie: $cookie" "$url"; done
  times=$(for _ in $(seq 20); do curl -s -o /dev/null -w "%{time_total}\n" -H "Cookie: $cookie" "$url"; done | sort -n)
  echo "1 user, 20 requests (s): median $(echo "$times" | sed -n 10p), p95 $(echo "$times" | sed -n 19p)," \
    "min $(echo "$times" | head -1)"
  wrk -t2 -c8 -d20s --timeout 30s --latency -H "Cookie: $cookie" "$url" \
    | grep -E "50%|90%|99%|Requests/sec|requests in|Non-2xx"
  echo "web process peak memory: $(grep VmHWM /proc/$web/status | awk '{print $2/1024 " MB"}')"
  kill $web; wait $web 2>/dev/null || true
}
run "no cache: every request computes the overview" 0
run "cache per data version (default)" 10
