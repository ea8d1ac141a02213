#!/usr/bin/env bash
# `npm run bench [-- PATTERN]`: set up, build, start the infra, then run the benchmarks whose
# figure names match PATTERN (a regular expression; all when absent). Prints `bench NAME VALUE UNIT`.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KS_ROOT"
bash scripts/setup.sh >&2
npm run build --silent >&2
bash scripts/stack.sh up --infra >&2
node dist/bench/run.js "$@"
