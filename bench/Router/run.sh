#!/usr/bin/env bash
# The Router's overhead benchmark, in one command: builds in Release, starts a fixed-response upstream and every
# target on free ports of 127.0.0.1 (nginx, the Portkey gateway, a bare YARP forwarder, the Router with an explicit
# model and with `auto`; for their ratio, also published natively), measures them side by side with wrk and writes
# bench/Router/RESULTS.md. Everything it starts is stopped on exit, failure or Ctrl-C.
#
# Knobs (environment): BENCH_DURATION (s per cell, 5), BENCH_WARMUP (s, 3), BENCH_PREWARM (s per target and mode
# before the first cell, 20: tiered JIT and PGO settle), BENCH_TTFB (s of first-byte probe, 2),
# BENCH_CONCURRENCY ("1 16 64"), BENCH_SKIP_ROUTER=1 (baselines only), BENCH_RESULTS (output file),
# BENCH_ROUTER_PROJECT (the Router project folder; default Router/ of this repository), BENCH_ROUTER_ENV (extra
# KEY=VALUE settings for the Router, e.g. "Logging__LogLevel__Default=Warning"), BENCH_NICE (priority as root, -15).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${BENCH_DURATION:-5}"
warmup="${BENCH_WARMUP:-3}"
prewarm="${BENCH_PREWARM:-20}"
ttfb="${BENCH_TTFB:-2}"
concurrency="${BENCH_CONCURRENCY:-1 16 64}"
results="${BENCH_RESULTS:-$here/RESULTS.md}"
router_project="${BENCH_ROUTER_PROJECT:-$root/Router}"
dev_key="sk-hi-bench-0123456789abcdef"

# wrk, nginx, Node (for Portkey) and the helpers this script calls are Debian packages: installed when missing, as ./test.sh does.
missing=()
for tool in wrk nginx curl node npm python3; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
# The command node comes in the package nodejs.
"$root/tools/install-debian-packages.sh" ${missing[@]+"${missing[@]/#node/nodejs}"}

work="$(mktemp -d "${TMPDIR:-/tmp}/bench-router.XXXXXX")"
pids=()
ok=0

cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        # Bounded wait, then force: nothing may outlive the run.
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
    done
    if [[ $ok == 1 ]]; then
        rm -rf "$work"
    else
        echo "bench failed; logs kept in $work" >&2
        tail -n 20 "$work"/*.log 2>/dev/null >&2 || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[bench] $*" >&2; }


free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_ready NAME PID URL [CURL ARGS...]: polls URL (at most 30 s) while the process lives.
wait_ready() {
    local name="$1" pid="$2" url="$3"
    shift 3
    for _ in $(seq 1 150); do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "$name exited during start-up"
            return 1
        fi
        if curl -fsS -o /dev/null --max-time 2 "$@" "$url" 2>/dev/null; then
            return 0
        fi
        sleep 0.2
    done
    log "$name not ready at $url after 30 s"
    return 1
}

# --- build ----------------------------------------------------------------------------------------------------
log "building (Release)"
for project in Upstream BareForwarder Load; do
    dotnet build "$here/$project" -c Release -nologo -v quiet >"$work/build-$project.log" 2>&1 \
        || { cat "$work/build-$project.log" >&2; exit 1; }
done
notes=()
with_router=0
if [[ "${BENCH_SKIP_ROUTER:-0}" == 1 ]]; then
    notes+=("the Router was skipped (BENCH_SKIP_ROUTER=1): baselines only.")
elif dotnet build "$router_project" -c Release -nologo -v quiet >"$work/build-Router.log" 2>&1 \
    && { log "publishing the Router natively too (ahead of time; about 2 min)"
         dotnet publish "$router_project" -c Release -r linux-x64 -p:PublishAot=true -nologo -v quiet -o "$work/router-native" \
             >"$work/publish-Router.log" 2>&1; }; then
    with_router=1
else
    notes+=("the Router did not build or publish (\`dotnet publish Router -c Release -r linux-x64 -p:PublishAot=true\` failed): baselines only.")
    log "Router did not build or publish; measuring the baselines only"
fi
if [[ ! -d "$here/portkey/node_modules/@portkey-ai/gateway" ]]; then
    log "installing the Portkey gateway (npm ci)"
    (cd "$here/portkey" && npm ci --no-audit --no-fund >"$work/npm.log" 2>&1) || { cat "$work/npm.log" >&2; exit 1; }
fi

# Other work on a shared machine (builds, tests) lands in the tails: as root, everything from here on runs ahead of it.
if [[ "$(id -u)" == 0 ]]; then
    renice -n "${BENCH_NICE:--15}" -p $$ >/dev/null
fi

export ASPNETCORE_ENVIRONMENT=Production DOTNET_CLI_TELEMETRY_OPTOUT=1
bin() { echo "$here/$1/bin/Release/net10.0/$1.dll"; }
# The Router and the bare forwarder run as the AppHost deploys the Router: socket work stays on the thread that read
# it (Router/Forwarding/InlineIo.cs). The upstream only stops spinning (Upstream.csproj); the load tool keeps the
# runtime's defaults.
inline_io="DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"

# --- upstream (also the fake classifier) ------------------------------------------------------------------------
upstream_port="$(free_port)"
upstream="http://127.0.0.1:$upstream_port"
dotnet "$(bin Upstream)" --urls "$upstream" >"$work/upstream.log" 2>&1 &
upstream_pid=$!
pids+=("$upstream_pid")
wait_ready upstream "$upstream_pid" "$upstream/health"

# --- nginx ------------------------------------------------------------------------------------------------------
nginx_port="$(free_port)"
mkdir -p "$work/nginx"
nginx_user=""
[[ "$(id -u)" == 0 ]] && nginx_user="user root;"
sed -e "s|@USER@|$nginx_user|" -e "s|@DIR@|$work/nginx|g" -e "s|@PORT@|$nginx_port|" -e "s|@UPSTREAM_PORT@|$upstream_port|" \
    "$here/nginx.conf.template" >"$work/nginx/nginx.conf"
nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" >"$work/nginx.log" 2>&1 &
nginx_pid=$!
pids+=("$nginx_pid")
wait_ready nginx "$nginx_pid" "http://127.0.0.1:$nginx_port/health"

# --- Portkey ----------------------------------------------------------------------------------------------------
portkey_port="$(free_port)"
(cd "$here/portkey" && exec env NODE_ENV=production node node_modules/@portkey-ai/gateway/build/start-server.js \
    --port="$portkey_port" --headless) >"$work/portkey.log" 2>&1 &
portkey_pid=$!
pids+=("$portkey_pid")
wait_ready portkey "$portkey_pid" "http://127.0.0.1:$portkey_port/"

# --- bare YARP forwarder ----------------------------------------------------------------------------------------
yarp_port="$(free_port)"
env "$inline_io" dotnet "$(bin BareForwarder)" --urls "http://127.0.0.1:$yarp_port" --Upstream "$upstream" >"$work/yarp.log" 2>&1 &
yarp_pid=$!
pids+=("$yarp_pid")
wait_ready yarp "$yarp_pid" "http://127.0.0.1:$yarp_port/health"

# --- the Router -------------------------------------------------------------------------------------------------
router_targets=""
if [[ $with_router == 1 ]]; then
    router_port="$(free_port)"
    sed -e "s|@UPSTREAM@|$upstream|g" "$here/router.yaml.template" >"$work/router.yaml"
    # Slim mode: config from the file, the dev key from configuration, the classifier is the upstream's fake, no
    # edge limit (it would cap the run at 100 req/s), usage spooled into the run's folder (no Control). It runs from
    # its output folder, as deployed: that is its content root, so its appsettings.json (log levels) applies.
    # The JIT build is what ships; the native executable runs beside it (explicit model only) for their ratio.
    # start_router NAME FOLDER COMMAND...: sets started_port and started_pid.
    start_router() {
        local name="$1" folder="$2" port
        shift 2
        port="$(free_port)"
        (cd "$folder" && exec env "$inline_io" Router__ConfigSource=file Router__ConfigFile="$work/router.yaml" \
            Router__DevKey="$dev_key" Router__EdgeRequestsPerSecond=0 Router__UsageSpoolDirectory="$work/spool-$name" \
            services__classifier__http__0="$upstream" ${BENCH_ROUTER_ENV:-} \
            "$@" --urls "http://127.0.0.1:$port") >"$work/$name.log" 2>&1 &
        pids+=("$!")
        # Ready = the config is loaded and the dev key works (the model list needs both).
        started_port="$port" started_pid="$!"
        wait_ready "$name" "$started_pid" "http://127.0.0.1:$port/v1/models" -H "Authorization: Bearer $dev_key"
    }
    start_router router "$router_project/bin/Release/net10.0" dotnet Router.dll
    router_port="$started_port" router_pid="$started_pid"
    start_router router-native "$work/router-native" ./Router
    native_port="$started_port" native_pid="$started_pid"
    router_targets=$(cat <<EOF
    ,{ "name": "router", "url": "http://127.0.0.1:$router_port", "pid": $router_pid, "model": "bench-model",
      "headers": { "Authorization": "Bearer $dev_key" }, "required_header": "x-hybrid-model" }
    ,{ "name": "router-auto", "url": "http://127.0.0.1:$router_port", "pid": $router_pid, "model": "auto",
      "headers": { "Authorization": "Bearer $dev_key" }, "required_header": "x-hybrid-category", "unique_prompts": true }
    ,{ "name": "router-guard", "url": "http://127.0.0.1:$router_port", "pid": $router_pid, "model": "guarded",
      "headers": { "Authorization": "Bearer $dev_key" }, "required_header": "x-hybrid-model", "unique_prompts": true }
    ,{ "name": "router-native", "url": "http://127.0.0.1:$native_port", "pid": $native_pid, "model": "bench-model",
      "headers": { "Authorization": "Bearer $dev_key" }, "required_header": "x-hybrid-model" }
    ,{ "name": "router-cache", "url": "http://127.0.0.1:$router_port", "pid": $router_pid, "model": "bench-model",
      "headers": { "Authorization": "Bearer $dev_key", "x-hybrid-cache": "use" }, "required_header": "x-hybrid-cache" }
EOF
)
fi

# --- measure ----------------------------------------------------------------------------------------------------
router_version() {
    local settings="as shipped (its own logging and telemetry defaults)"
    [[ -n "${BENCH_ROUTER_ENV:-}" ]] && settings="started with ${BENCH_ROUTER_ENV}"
    if [[ $with_router != 1 ]]; then
        echo "not measured"
    elif git -C "$router_project" rev-parse --git-dir >/dev/null 2>&1; then
        local dirty=""
        [[ -n "$(git -C "$router_project" status --porcelain -- . 2>/dev/null)" ]] && dirty=" plus uncommitted changes"
        echo "commit $(git -C "$router_project" log -1 --format=%h -- .)$dirty, $settings"
    else
        echo "built from $router_project, $settings"
    fi
}
json_list() { local IFS=,; echo "$*"; }
json_strings() { local out=() item; for item in "$@"; do out+=("\"${item//\"/\\\"}\""); done; json_list "${out[@]}"; }
setup=(
    "Machine: $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), Linux $(uname -r); wrk, the upstream and every proxy share these cores."
    "Load: wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}'), one thread, keep-alive; the first-byte probe is a .NET HttpClient."
    "Upstream: bench/Router/Upstream, fixed bytes from Kestrel (JSON answer or 9 SSE events flushed one by one)."
    ".NET $(dotnet --version) (Server GC, Release); the Router as shipped (JIT, tiered PGO on) and, as router-native, published with Native AOT; bare YARP (Kestrel + IHttpForwarder, nothing else); both with inline socket I/O and no thread-pool spinning, as the AppHost runs the Router; the upstream without spinning only."
    "nginx $(nginx -v 2>&1 | cut -d/ -f2): 2 workers, keep-alive upstream pool, proxy_buffering off."
    "Router: $(router_version)."
    "Portkey gateway $(node -p "require('$here/portkey/node_modules/@portkey-ai/gateway/package.json').version") on Node $(node --version), @hono/node-server $(node -p "require('$here/portkey/node_modules/@hono/node-server/package.json').version"), provider openai with x-portkey-custom-host."
)
cat >"$work/plan.json" <<EOF
{
  "results_file": "$results",
  "work_directory": "$work",
  "duration_seconds": $duration,
  "warmup_seconds": $warmup,
  "prewarm_seconds": $prewarm,
  "first_byte_seconds": $ttfb,
  "concurrencies": [$(json_list $concurrency)],
  "setup": [$(json_strings "${setup[@]}")],
  "notes": [$(json_strings ${notes[@]+"${notes[@]}"})],
  "targets": [
    { "name": "direct", "url": "$upstream", "pid": $upstream_pid },
    { "name": "nginx", "url": "http://127.0.0.1:$nginx_port", "pid": $nginx_pid },
    { "name": "portkey", "url": "http://127.0.0.1:$portkey_port", "pid": $portkey_pid,
      "headers": { "x-portkey-provider": "openai", "x-portkey-custom-host": "$upstream/v1", "Authorization": "Bearer sk-bench" } },
    { "name": "yarp", "url": "http://127.0.0.1:$yarp_port", "pid": $yarp_pid }
    $router_targets
  ]
}
EOF
log "measuring (about $(( (2 * (4 + 5 * with_router) * prewarm + $(wc -w <<<"$concurrency") * 2 * (4 + 5 * with_router) * (duration + warmup + ttfb)) / 60 + 1 )) min)"
dotnet "$(bin Load)" "$work/plan.json"
ok=1
log "wrote $results"
