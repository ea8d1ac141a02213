#!/usr/bin/env bash
# Tools only the tests need, on top of scripts/setup.sh (which `npm test` runs first). Idempotent.
#  - Chromium from the Debian package chromium, for the report.html browser test;
#  - kustomize, hadolint and kubernetes-validate for the deployment checks (scripts/install-k8s-tools.sh).
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KS_ROOT"

log() { printf '[setup-test-tools] %s\n' "$*" >&2; }

# Chromium (Debian package chromium): the browser test of report.html opens it headless.
if [[ -x /usr/bin/chromium ]]; then
  log "Chromium: present"
elif command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
  log "Chromium: installing chromium with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q chromium >&2; then
    apt-get update -q >&2 && apt-get install -y -q chromium >&2 \
      || log "WARNING: apt-get could not install chromium (the report.html browser test will fail)"
  fi
else
  log "WARNING: /usr/bin/chromium missing and cannot apt-get install chromium (need root + apt); the report.html browser test will fail"
fi

# Pinned tools the static k8s and Dockerfile checks (test/static) run; a no-op when present.
bash scripts/install-k8s-tools.sh </dev/null
log "done"
