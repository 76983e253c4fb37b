#!/usr/bin/env bash
# Runs the model layer's throughput benchmark: builds EmberBench in release, starts the
# loopback server (scripts/bench_server.py) on a free port, runs the benchmark against it,
# and stops the server again. The table goes to stdout, progress to stderr.
#
# Usage: scripts/bench.sh [EmberBench options, e.g. --repetitions 5]
# EMBER_BENCH_SCRATCH_PATH, if set, is the build directory (default: .build).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
say() { printf '[ember bench] %s\n' "$*" >&2; }

delay_ms=100
build=(swift build -c release --product EmberBench)
if [[ -n "${EMBER_BENCH_SCRATCH_PATH:-}" ]]; then
    build+=(--scratch-path "$EMBER_BENCH_SCRATCH_PATH")
fi
say "building EmberBench (release)"
"${build[@]}" >&2
bench="$("${build[@]}" --show-bin-path)/EmberBench"

# 1,000 connections at once, on each side, need more descriptors than a default 1,024.
hard="$(ulimit -Hn)"
if [[ "$hard" == unlimited ]] || (( hard > 65536 )); then hard=65536; fi
if (( $(ulimit -Sn) < hard )); then ulimit -Sn "$hard"; fi

workdir="$(mktemp -d)"
server_pid=""
stop_server() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

: >"$workdir/server.out"
python3 scripts/bench_server.py 0 --delay "$(awk "BEGIN { print $delay_ms / 1000 }")" \
    --max-lifetime 1200 >"$workdir/server.out" &
server_pid=$!

port=""
for _ in $(seq 1 100); do
    port="$(sed -n 's/^listening on \([0-9]*\)$/\1/p' "$workdir/server.out")"
    if [[ -n "$port" ]] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then say "the server failed to start"; exit 1; fi
    port=""
    sleep 0.1
done
if [[ -z "$port" ]]; then say "the server did not accept connections within 10 s"; exit 1; fi

say "server on 127.0.0.1:$port, ${delay_ms} ms per request; running the benchmark"
"$bench" --base-url "http://127.0.0.1:$port/v1" --delay-ms "$delay_ms" \
    --server-pid "$server_pid" "$@"
