#!/usr/bin/env bash
# The main job on embedded defaults: set up tools, build, start the local stack (Temporal dev
# server, SeaweedFS, gateway, one worker per core) and run the seed-question study through the
# CLI: progress, the results table, the verdict, then the report written locally. Idempotent.
# Usage: npm run demo [-- SPEC_FILE [--preset NAME]]   (default: seed-question.yaml, preset quick)
set -euo pipefail
cd "$(dirname "$0")/.."
spec="${1:-apps/cli/examples/seed-question.yaml}"
shift || true
# Native TensorFlow trains with one thread per worker: one worker per core uses the machine.
export KS_WORKERS="${KS_WORKERS:-$(nproc)}"

bash scripts/setup.sh
# Build unless dist/ is newer than every source file (a build takes a minute or two on 2 cores).
stamp=dist/.demo-build-stamp
if [[ ! -f $stamp || -n $(find apps libs scripts bench package.json tsconfig.json tsconfig.build.json -newer "$stamp" -type f -print -quit) ]]; then
  npm run build --silent
  touch "$stamp"
fi
bash scripts/stack.sh up
log=$(mktemp)
trap 'rm -f "$log"' EXIT
started=$(date +%s)
status=0
node dist/apps/cli/src/main.js submit "$spec" "$@" --wait | tee "$log" || status=$?
id=$(grep -m1 -o 'sw-[0-9a-f]\{20\}' "$log" || true)
if [[ -n $id ]]; then
  out="reports/$id"
  node dist/apps/cli/src/main.js report "$id" --out "$out" >/dev/null
  echo
  echo "sweep:       $id ($(($(date +%s) - started)) s from submit to report)"
  echo "report:      $(pwd)/$out/report.html (also report.md, heatmap.svg, curves.svg, results.csv)"
  echo "Temporal UI: http://127.0.0.1:8233/namespaces/default/workflows/$id"
fi
bash scripts/stack.sh status
exit "$status"
