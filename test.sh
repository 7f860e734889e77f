#!/usr/bin/env bash
# Runs every test of HybridInference: unit tests of each service, the hosting tests and the whole fabric
# (real PostgreSQL, Redis and service processes under Aspire). Installs the Debian packages the tests need.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v setpriv >/dev/null || missing+=(util-linux)
command -v npm >/dev/null || missing+=(nodejs npm)
# promtool for the alert rules, shellcheck for the appliance scripts, curl and jq for the smoke test.
command -v promtool >/dev/null || missing+=(prometheus)
command -v shellcheck >/dev/null || missing+=(shellcheck)
command -v curl >/dev/null || missing+=(curl)
command -v jq >/dev/null || missing+=(jq)
command -v kubectl >/dev/null || missing+=(kubectl) # Deploy.Tests build every overlay with kubectl kustomize
# Debian's Chromium for the Dashboard's browser tests (Playwright cannot download its own browser here).
[ -x /usr/bin/chromium ] || missing+=(chromium)
tools/install-debian-packages.sh ${missing[@]+"${missing[@]}"}
command -v initdb >/dev/null || { echo "PostgreSQL 15 binaries (initdb, postgres) are required on PATH" >&2; exit 1; }

# The official openai npm client, for the fabric test that drives the Router from Node.js.
[ -d tests/OpenAiNode/node_modules/openai ] || npm ci --prefix tests/OpenAiNode --no-audit --no-fund --loglevel=error

dotnet build HybridInference.sln -nologo -v quiet
# One test project at a time: each starts real servers, and the fabric alone keeps both cores busy.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test HybridInference.sln --no-build -nologo -m:1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole run, summed over the test projects.
awk '/^(Passed|Failed)!/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
