#!/usr/bin/env bash
# Runs every test project: domain unit tests, bUnit component and architecture tests, integration
# tests (the real app on 127.0.0.1, a real SQLite file, a real SMTP server, and a throwaway PostgreSQL
# cluster for the PostgreSQL provider) and end-to-end tests in Debian's Chromium. Installs what the
# tests need when it is missing (the PostgreSQL tests fail, not skip, without it). Ends with one line:
#   tests: N passed, N failed
set -uo pipefail
cd "$(dirname "$0")/.."
configuration=${CONFIGURATION:-Release}
results=artifacts/test-results
export E2E_SCREENSHOTS=${E2E_SCREENSHOTS:-$PWD/artifacts/screenshots}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

install_missing() {
  local packages=()
  [[ -x /usr/bin/chromium ]] || packages+=(chromium)
  /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || packages+=(python3-aiosmtpd)
  command -v wrk >/dev/null || packages+=(wrk)
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || packages+=(postgresql)
  if ((${#packages[@]})); then
    echo "Installing ${packages[*]} (Debian packages the tests need)..."
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  fi
}

install_missing
rm -rf "$results" && mkdir -p "$results" "$E2E_SCREENSHOTS"

echo "Building ($configuration)..."
if ! dotnet build BudgetHub.sln -c "$configuration" -nologo -v q -clp:ErrorsOnly; then
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

projects=(tests/BudgetHub.Domain.Tests tests/BudgetHub.Web.Tests tests/BudgetHub.IntegrationTests e2e/BudgetHub.E2E)
passed=0 failed=0 crashed=0
for project in "${projects[@]}"; do
  [[ -d "$project" ]] || continue
  name=$(basename "$project")
  echo "== $name"
  dotnet test "$project" -c "$configuration" --no-build --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true
  trx="$results/$name.trx"
  if [[ ! -f "$trx" ]]; then
    echo "   $name did not produce results"
    crashed=$((crashed + 1))
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  e=$(sed -E 's/.* error="([0-9]+)".*/\1/' <<<"$counters")
  echo "   $name: $p passed, $((f + e)) failed"
  passed=$((passed + p)); failed=$((failed + f + e))
done

echo "Screenshots: $E2E_SCREENSHOTS"
echo "tests: $passed passed, $((failed + crashed)) failed"
[[ $failed -eq 0 && $crashed -eq 0 && $passed -gt 0 ]]
