#!/usr/bin/env bash
# `npm test`: set up tools (the main job's and the tests' own), build, start the infra (Temporal + SeaweedFS, left running; `up` is
# idempotent), then the unit and integration Jest projects. Extra arguments go to both Jest runs
# (e.g. `npm test -- test/integration/storage.test.ts`). Exits non-zero when anything fails.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KS_ROOT"

bash scripts/setup.sh
bash scripts/setup-test-tools.sh
npm run build
bash scripts/stack.sh up --infra

report_dir="$KS_STACK_DIR/test-results"
mkdir -p "$report_dir"
rm -f "$report_dir"/*.json
extra=()
# With a filter, one of the two projects may legitimately match nothing.
(($# > 0)) && extra+=(--passWithNoTests)

status=0
npx jest --selectProjects unit --json --outputFile="$report_dir/unit.json" "${extra[@]}" "$@" || status=1
# --forceExit: a failing integration test that leaves a connection open must fail the run, not
# keep Jest alive until CI's time limit (app processes a test file started are killed after it).
npx jest --selectProjects integration --runInBand --forceExit --json --outputFile="$report_dir/integration.json" "${extra[@]}" "$@" || status=1

# One plain closing line over both runs ("tests: N passed, N failed").
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of process.argv.slice(1)) {
    if (!fs.existsSync(f)) { failed += 1; continue; }
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
' "$report_dir/unit.json" "$report_dir/integration.json"
exit "$status"
