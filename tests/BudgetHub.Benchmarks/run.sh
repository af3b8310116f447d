#!/usr/bin/env bash
# Ingestion and enforcement-check throughput of BudgetHub against a minimal reference app that only
# parses the same JSON, measured in the same run with wrk at 64 connections.
#   bash tests/BudgetHub.Benchmarks/run.sh            # prints the table
#   bash tests/BudgetHub.Benchmarks/run.sh --write    # also rewrites BENCHMARKS.md
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
work=$(mktemp -d)
key=bh_bench_0123456789abcdefghijklmnopqrstuv
app_port=5601
ref_port=5602
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

echo "Building (Release)..." >&2
dotnet build "$root/BudgetHub.Web/BudgetHub.Web.csproj" -c Release -o "$work/app" -v q -nologo >/dev/null
dotnet build "$here/ReferenceApp/BudgetHub.Benchmarks.ReferenceApp.csproj" -c Release -o "$work/ref" -v q -nologo >/dev/null

start_app() {
  (cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$app_port" \
    ConnectionStrings__BudgetHub="Data Source=$work/bench.db" Logging__LogLevel__Default=Warning \
    Bootstrap__AccountName=Bench Bootstrap__AdminEmail=bench@example.com Bootstrap__AdminPassword=bench-password \
    Bootstrap__ApiKey=$key Bootstrap__DemoData=false RateLimits__IngestPerSecond=100000000 \
    exec dotnet BudgetHub.Web.dll >"$work/app.log" 2>&1) &
  pids+=($!)
  (cd "$work/ref" && ASPNETCORE_URLS="http://127.0.0.1:$ref_port" exec dotnet BudgetHub.Benchmarks.ReferenceApp.dll >"$work/ref.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$app_port/health" >/dev/null && curl -s -o /dev/null "http://127.0.0.1:$ref_port/api/v1/enforcement/check?botId=x"; then return; fi
    sleep 0.5
  done
  echo "The apps did not start:" >&2; cat "$work/app.log" "$work/ref.log" >&2; exit 1
}

# Prints "<requests/s> <p99 ms>" for one wrk run.
measure() {
  local url=$1 script=$2
  wrk -t2 -c"$connections" -d"$duration" --latency -s "$here/$script" -H "Authorization: Bearer $key" -H "Content-Type: application/json" "$url" >"$work/wrk.txt" 2>&1
  if grep -qE 'Non-2xx|Socket errors' "$work/wrk.txt"; then echo "wrk saw errors for $url $script:" >&2; cat "$work/wrk.txt" >&2; fi
  local rps p99
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; printf "%.2f", v}' "$work/wrk.txt")
  echo "$rps $p99"
}

start_app
app="http://127.0.0.1:$app_port"
ref="http://127.0.0.1:$ref_port"
# Tiered compilation keeps optimising for several seconds: warm every path of both apps first.
echo "Warming up..." >&2
for script in single.lua batch.lua check.lua; do
  wrk -t2 -c"$connections" -d5s -s "$here/$script" -H "Authorization: Bearer $key" -H "Content-Type: application/json" "$app" >/dev/null
  wrk -t2 -c"$connections" -d3s -s "$here/$script" "$ref" >/dev/null
done

echo "Measuring ($duration per run, $connections connections)..." >&2
read -r ref_single ref_single_p99 < <(measure "$ref" single.lua)
read -r app_single app_single_p99 < <(measure "$app" single.lua)
read -r app_batch app_batch_p99 < <(measure "$app" batch.lua)
read -r ref_check ref_check_p99 < <(measure "$ref" check.lua)
read -r app_check app_check_p99 < <(measure "$app" check.lua)
bash "$here/policies.sh" "$app" "$key"
# The policies take new paths through the code: warm them as the first warm-up did the others.
for script in single.lua batch.lua check.lua; do
  wrk -t2 -c"$connections" -d5s -s "$here/$script" -H "Authorization: Bearer $key" -H "Content-Type: application/json" "$app" >/dev/null
done
read -r app_single20 app_single20_p99 < <(measure "$app" single.lua)
read -r app_batch20 app_batch20_p99 < <(measure "$app" batch.lua)
read -r app_check20 app_check20_p99 < <(measure "$app" check.lua)

# Retention prunes 200k old events in small batches while single events keep coming.
old=$(/usr/bin/python3 "$here/old-events.py" "$work/bench.db" 200000)
curl -sf -o /dev/null "$app/api/v1/policies" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"name":"Keep 30 days","kind":"retention","scope":{"type":"account"},"maxAge":"P30D"}'
curl -sf -X POST "$app/api/v1/retention/run" -H "Authorization: Bearer $key" >"$work/retention.json" &
prune=$!
read -r app_prune app_prune_p99 < <(measure "$app" single.lua)
wait "$prune"
pruned=$(grep -o '"eventsDeleted":[0-9]*' "$work/retention.json" | cut -d: -f2)

# An account cap crossed: every event and every check is blocked and logged.
bash "$here/capped.sh" "$app" "$key"
read -r app_capped app_capped_p99 < <(measure "$app" single.lua)
read -r app_capped_check app_capped_check_p99 < <(measure "$app" check.lua)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
events() { awk -v a="$1" 'BEGIN { printf "%.0f", a * 100 }'; }
table=$(cat <<TABLE
| scenario | requests/s | events/s | p99 (ms) | ratio to reference | goal |
|---|---:|---:|---:|---:|---|
| reference: parse one event | $ref_single | $ref_single | $ref_single_p99 | 1.00 | — |
| ingest one event | $app_single | $app_single | $app_single_p99 | $(ratio "$app_single" "$ref_single") | ≥ 0.5, p99 ≤ 10 ms |
| ingest batches of 100 | $app_batch | $(events "$app_batch") | $app_batch_p99 | $(ratio "$(events "$app_batch")" "$ref_single") (events/s) | ≥ 2, p99 ≤ 50 ms |
| ingest one event, 20 policies | $app_single20 | $app_single20 | $app_single20_p99 | $(ratio "$app_single20" "$ref_single") | ≥ 0.5, p99 ≤ 10 ms |
| ingest batches of 100, 20 policies | $app_batch20 | $(events "$app_batch20") | $app_batch20_p99 | $(ratio "$(events "$app_batch20")" "$ref_single") (events/s) | ≥ 2, p99 ≤ 50 ms |
| reference: tiny JSON GET | $ref_check | — | $ref_check_p99 | 1.00 | — |
| enforcement check | $app_check | — | $app_check_p99 | $(ratio "$app_check" "$ref_check") | ≥ 0.8, p99 ≤ 2 ms |
| enforcement check, 20 policies | $app_check20 | — | $app_check20_p99 | $(ratio "$app_check20" "$ref_check") | ≥ 0.8, p99 ≤ 2 ms |
| ingest one event, 20 policies, while retention deletes $pruned of $old old events | $app_prune | $app_prune | $app_prune_p99 | $(ratio "$app_prune" "$ref_single") | p99 close to the row without the prune |
| ingest one event, 20 policies and a crossed account cap: every event blocked and logged | $app_capped | $app_capped | $app_capped_p99 | $(ratio "$app_capped" "$ref_single") | — |
| enforcement check, blocked by the crossed account cap (logged) | $app_capped_check | — | $app_capped_check_p99 | $(ratio "$app_capped_check" "$ref_check") | — |
TABLE
)
echo "$table"
echo "SQLite WAL after the run: $(du -h "$work/bench.db-wal" 2>/dev/null | cut -f1 || echo none); database: $(du -h "$work/bench.db" | cut -f1)"

if [[ "${1:-}" == "--write" ]]; then
  # Everything from the notes marker down is written by hand and kept.
  notes=""
  if [[ -f "$root/BENCHMARKS.md" ]] && grep -q '^<!-- notes -->' "$root/BENCHMARKS.md"; then
    notes=$(sed -n '/^<!-- notes -->/,$p' "$root/BENCHMARKS.md")
  fi
  cat >"$root/BENCHMARKS.md" <<DOC
# Benchmarks

Measured by \`bash tests/BudgetHub.Benchmarks/run.sh --write\` on $(nproc) cores ($(date -u +%Y-%m-%d)):
BudgetHub (Release, SQLite file, durable group commit) and a minimal reference app that only parses
the same JSON and answers, started in the same run and driven by \`wrk -t2 -c$connections -d$duration --latency\`
with a unique event id per event. wrk runs on the same machine, so both apps share the cores with it.

$table

$notes
DOC
  echo "Wrote BENCHMARKS.md" >&2
fi
