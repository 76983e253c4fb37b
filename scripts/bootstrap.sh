#!/usr/bin/env bash
# Installs what Ember needs on a Debian (or Ubuntu) machine that has the Swift toolchain:
# the system libraries the package links, the tools the local model's build uses, and the
# local model itself (scripts/install-local-model.sh). Idempotent: what is present is left.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
say() { printf '[ember bootstrap] %s\n' "$*" >&2; }

if ! command -v swift >/dev/null 2>&1; then
    say "the Swift toolchain is not on PATH; install Swift 6 from swift.org first"
    exit 1
fi

missing=()
have_header() { [[ -e "/usr/include/$1" || -e "/usr/include/$(uname -m)-linux-gnu/$1" ]]; }
have_header curl/curl.h || missing+=(libcurl4-openssl-dev)
have_header sqlite3.h || missing+=(libsqlite3-dev)
have_header zlib.h || missing+=(zlib1g-dev)
have_header openssl/evp.h || missing+=(libssl-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    missing+=(python3-venv)
fi

if (( ${#missing[@]} > 0 )); then
    if [[ "$(uname -s)" != Linux ]] || ! command -v apt-get >/dev/null 2>&1; then
        say "missing: ${missing[*]}; install them with your system's package manager"
        exit 1
    fi
    sudo=""
    if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi
    say "installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
else
    say "system packages present"
fi

"$here/install-local-model.sh"
