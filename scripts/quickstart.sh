#!/usr/bin/env bash
# The main job from a fresh clone: install what is missing, build Ember, start the local
# model server and evaluate SmolLM2-135M-Instruct on the first 20 GSM8K test problems.
# Extra arguments go to `ember eval` (for example --limit 50 or --model openai/gpt-4o-mini).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
say() { printf '[ember quickstart] %s\n' "$*" >&2; }

scripts/bootstrap.sh
say "building ember (release; the first build takes a few minutes)"
swift build -c release -j "$(nproc 2>/dev/null || echo 2)" --product ember >&2
ember="$(swift build -c release --show-bin-path)/ember"

"$ember" local start
"$ember" eval --dataset gsm8k --model local/smollm2 --limit 20 "$@"
say "the local model server is still running; stop it with: $ember local stop"
