#!/usr/bin/env bash
# The main job on embedded defaults: set up tools, build, start the local stack (Temporal dev
# server, SeaweedFS, gateway, workers) and run a sweep through the CLI. Idempotent.
# Usage: npm run demo [-- SPEC_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
spec="${1:-apps/cli/examples/demo.yaml}"

bash scripts/setup.sh
npm run build --silent
bash scripts/stack.sh up
node dist/apps/cli/src/main.js submit "$spec" --wait
bash scripts/stack.sh status
