#!/usr/bin/env bash
# The main job from a fresh clone: install what is missing, build Ember, start the local
# model server and evaluate a compound system over SmolLM2-135M-Instruct (three samples and
# a majority vote per problem) on the first 10 GSM8K test problems. Extra arguments go to
# `ember eval` (for example --limit 50, or --model openai/gpt-4o-mini for the samples).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
say() { printf '[ember quickstart] %s\n' "$*" >&2; }

scripts/bootstrap.sh
say "building ember (release; the first build takes a few minutes)"
swift build -c release -j "$(nproc 2>/dev/null || echo 2)" --product ember >&2
ember="$(swift build -c release --show-bin-path)/ember"

"$ember" local start
# A compound system: three samples at temperature 0.7 per problem, then a majority vote.
"$ember" eval --dataset gsm8k --model local/smollm2 --system "3E(temp=0.7),1M" --limit 10 "$@"
say "the local model server is still running; stop it with: $ember local stop"
