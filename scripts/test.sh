#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, builds, starts the local model
# server the integration tests talk to (or reuses the one already running), runs
# `swift test`, and stops the server again if this script started it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
say() { printf '[ember test] %s\n' "$*" >&2; }

scripts/bootstrap.sh

# The HTML report's tests open it in headless Chromium; install Debian's package when it is
# missing, and tell the tests where it is so that a missing browser fails them.
chromium="$(command -v chromium || true)"
if [[ -z "$chromium" && "$(uname -s)" == Linux ]] && command -v apt-get >/dev/null 2>&1; then
    sudo=""
    if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi
    say "installing chromium for the HTML report's browser tests"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
    chromium="$(command -v chromium || true)"
fi
if [[ -n "$chromium" ]]; then
    export EMBER_TEST_CHROMIUM="$chromium"
else
    say "chromium is not installed: the HTML report's browser tests will be skipped"
fi
jobs="$(nproc 2>/dev/null || echo 2)"
say "building (debug)"
swift build -j "$jobs" --build-tests >&2
ember="$(swift build --show-bin-path)/ember"

started=0
if ! "$ember" local status >/dev/null; then
    "$ember" local start
    started=1
fi
stop_server() { if (( started )); then "$ember" local stop >&2 || true; fi; }
trap stop_server EXIT

port="${EMBER_LOCAL_PORT:-8431}"
export EMBER_TEST_LOCAL_BASE_URL="http://127.0.0.1:$port/v1"
export EMBER_TEST_BINARY="$ember"
say "running the tests against the local model at $EMBER_TEST_LOCAL_BASE_URL"
swift test -j "$jobs" "$@"
