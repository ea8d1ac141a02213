#!/usr/bin/env bash
# Native TensorFlow backend for TensorFlow.js, from package registries only (PyPI + npm):
#   bash scripts/install-native-tf.sh [cpu|gpu]                  (default cpu)
#   bash scripts/install-native-tf.sh gpu --requirements   prints the pinned wheels as a hashed pip
#                                                          requirements file (docker/worker-gpu.Dockerfile)
#
# @tensorflow/tfjs-node(-gpu)'s own install downloads libtensorflow 2.9.1 from a URL that answers 403
# (tensorflow/tfjs#8742). Instead this script
#   1. downloads the pinned TensorFlow wheel from PyPI (hash-checked; `tensorflow-cpu` for cpu, the
#      CUDA-enabled `tensorflow` plus its nvidia-* library wheels for gpu) into .tools/tf/wheels;
#   2. extracts libtensorflow_cc.so.2 + libtensorflow_framework.so.2 and the C API headers the binding
#      includes (tensorflow/c/..., with the tsl/ and xla/ headers they pull in) into .tools/tf/<variant>;
#   3. unpacks the tfjs-node package with --ignore-scripts into .tools/native/<variant>/node_modules,
#      WITHOUT its own copy of @tensorflow/tfjs: its `require('@tensorflow/tfjs')` walks up to the
#      project's node_modules, so the process has exactly one tfjs-core and the `tensorflow` backend
#      registers in the instance the app uses. Living outside node_modules, it survives `npm ci`;
#   4. lays out deps/lib the way the binding links and loads (libtensorflow.so, libtensorflow.so.2 and
#      the install script's libtensorflow.so.2.9.1 -> libtensorflow_cc.so.2, the real library and its
#      own soname) and compiles the binding with node-gyp against the local Node headers, passing the
#      package's `binary` variables (module_name, module_path, napi_build_version) in;
#   5. loads it once (when the project's node_modules exist) and checks it registered in the project's
#      tfjs-core.
# Idempotent: a stamp of the pins makes a re-run a no-op (well under a second); wheels and extracted
# libraries stay cached under .tools/tf. libs/tfjs-engine (native-binding.ts) finds the result there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VARIANT="${1:-cpu}"
MODE="${2:-install}"

log() { printf '[native-tf] %s\n' "$*" >&2; }
die() { printf '[native-tf] ERROR: %s\n' "$*" >&2; exit 1; }

# --- pins --------------------------------------------------------------------------------------------
TFJS_VERSION=4.22.0
TF_VERSION=2.21.0
# The C libraries in the wheel do not depend on the Python version; the cp311 wheel is pinned by hash.
case $VARIANT in
  cpu)
    TFJS_PACKAGE=@tensorflow/tfjs-node
    TF_WHEELS=(
      "tensorflow-cpu==$TF_VERSION 2b847d217b02ee7731ed91431daf3250daa0196c3c94614d23be27232e6e5b6c"
    ) ;;
  gpu)
    TFJS_PACKAGE=@tensorflow/tfjs-node-gpu
    # The CUDA-enabled wheel and the lower bounds of its `and-cuda` extra (what it was built against;
    # TensorFlow dlopens them through its RUNPATH $ORIGIN/../nvidia/<name>/lib).
    TF_WHEELS=(
      "tensorflow==$TF_VERSION 9056fbc9ba04235810b71ae6cbd958a196e8804fb53bbcffbf3e23b56155f124"
      "nvidia-cublas-cu12==12.5.3.2 ca070ad70e9fa6654084575d01bd001f30cc4665e33d4bb9fc8e0f321caa034b"
      "nvidia-cuda-cupti-cu12==12.5.82 bde77a5feb66752ec61db2adfe47f56b941842825b4c7e2068aff27c9d107953"
      "nvidia-cuda-nvrtc-cu12==12.5.82 3dbd97b0104b4bfbc3c4f8c79cd2496307c89c43c29a9f83125f1d76296ff3fd"
      "nvidia-cuda-runtime-cu12==12.5.82 3e79a060e126df40fd3a068f3f787eb000fa51b251ec6cd97d09579632687115"
      "nvidia-cudnn-cu12==9.3.0.75 9ad9c6929ebb5295eb4a1728024666d1c88283373e265a0c5c883e6f9d5cd76d"
      "nvidia-cufft-cu12==11.2.3.61 9a6e8df162585750f61983a638104a48c756aa13f9f48e19ab079b38e3c828b8"
      "nvidia-curand-cu12==10.3.6.82 2823fb27de4e44dbb22394a6adf53aa6e1b013aca0f8c22867d1cfae58405536"
      "nvidia-cusolver-cu12==11.6.3.83 93cfafacde4428b71778eeb092ec615a02a3d05404da1bcf91c53e3fa1bce42b"
      "nvidia-cusparse-cu12==12.5.1.3 016df8e993c437e8301e62739f01775cba988fd5253cd4c64173f8e8d2f8e752"
      "nvidia-nccl-cu12==2.27.7 de5ba5562f08029a19cb1cd659404b18411ed0d6c90ac5f52f30bf99ad5809aa"
      "nvidia-nvjitlink-cu12==12.5.82 f9b37bc5c8cf7509665cb6ada5aaa0ce65618f2332b7d3e78e9790511f111212"
    ) ;;
  *) die "usage: bash scripts/install-native-tf.sh [cpu|gpu] [--requirements]" ;;
esac
if [[ $MODE == --requirements ]]; then
  for pin in "${TF_WHEELS[@]}"; do printf '%s --hash=sha256:%s\n' "${pin% *}" "${pin#* }"; done
  exit 0
fi
[[ $MODE == install ]] || die "usage: bash scripts/install-native-tf.sh [cpu|gpu] [--requirements]"
PIP_PLATFORM=(--only-binary=:all: --python-version 3.11 --implementation cp
  --platform manylinux_2_27_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64)

TOOLS="$ROOT/.tools"
WHEEL_DIR="$TOOLS/tf/wheels"
LIB_DIR="$TOOLS/tf/$VARIANT-$TF_VERSION"          # include/, lib/, [nvidia/]
PREFIX="$TOOLS/native/$VARIANT"                    # node_modules/@tensorflow/tfjs-node(-gpu) + its deps
PKG_DIR="$PREFIX/node_modules/$TFJS_PACKAGE"
STAMP="$PREFIX/.installed"

[[ $(uname -s)-$(uname -m) == Linux-x86_64 ]] || die "only linux x86_64 is supported (TensorFlow wheels)"
for cmd in node npm python3 make g++; do
  command -v "$cmd" >/dev/null 2>&1 || die "$cmd is missing (needs Node 20 with npm, Python 3 with pip, make, g++)"
done
python3 -m pip --version >/dev/null 2>&1 || die "pip is missing for python3 (e.g. apt-get install -y python3-pip)"

NAPI=$(node -p 'process.versions.napi')
STAMP_KEY="$TFJS_PACKAGE@$TFJS_VERSION tf=$TF_VERSION napi=$NAPI $(printf '%s;' "${TF_WHEELS[@]}" | sha256sum | cut -c1-16)"

mkdir -p "$TOOLS/native" "$WHEEL_DIR"
exec 9>"$TOOLS/native/.lock"
flock 9 # concurrent runs (CI + a developer, two worktrees' shells) wait for each other

# The compiled binding; empty when the package is not unpacked yet.
binding_path() {
  [[ -f $PKG_DIR/package.json ]] || return 0
  (cd "$PKG_DIR" && node -p '
    const b = require("./package.json").binary;
    const napi = Math.max(...b.napi_versions.filter((v) => v <= Number(process.versions.napi)));
    require("path").resolve(b.module_path.replace("{napi_build_version}", napi), b.module_name + ".node")')
}

# tfjs-node requires the project's @tensorflow/tfjs; both must be the same release.
core_json="$ROOT/node_modules/@tensorflow/tfjs-core/package.json"
if [[ -f $core_json ]]; then
  core_version=$(node -p "require('$core_json').version")
  [[ $core_version == "$TFJS_VERSION" ]] \
    || die "the project's @tensorflow/tfjs-core is $core_version but this script pins tfjs-node $TFJS_VERSION: update TFJS_VERSION (and docker/worker-gpu.Dockerfile)"
fi

if [[ -f $STAMP && $(cat "$STAMP") == "$STAMP_KEY" ]] && bp=$(binding_path) && [[ -n $bp && -f $bp ]]; then
  log "$TFJS_PACKAGE $TFJS_VERSION on TensorFlow $TF_VERSION: present ($bp)"
  exit 0
fi
rm -f "$STAMP"
started=$SECONDS

# --- 1. wheels ---------------------------------------------------------------------------------------
# wheel_file "NAME==VERSION": the cached wheel of that pin (empty if absent)
wheel_file() {
  local name=${1%%==*} version=${1##*==}
  compgen -G "$WHEEL_DIR/${name//-/_}-$version-*.whl" | head -n1 || true
}
reqs=$(mktemp)
trap 'rm -f "$reqs"' EXIT
for pin in "${TF_WHEELS[@]}"; do
  spec=${pin% *} sha=${pin#* }
  f=$(wheel_file "$spec")
  if [[ -n $f ]] && [[ $(sha256sum "$f" | cut -d' ' -f1) == "$sha" ]]; then continue; fi
  [[ -n $f ]] && { log "cached $(basename "$f") has the wrong sha256: downloading again"; rm -f "$f"; }
  printf '%s --hash=sha256:%s\n' "$spec" "$sha" >>"$reqs"
done
if [[ -s $reqs ]]; then
  log "downloading from PyPI: $(cut -d' ' -f1 "$reqs" | tr '\n' ' ')"
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --require-hashes \
    "${PIP_PLATFORM[@]}" --dest "$WHEEL_DIR" -r "$reqs" >&2
fi

# --- 2. headers + shared libraries -------------------------------------------------------------------
if [[ ! -f $LIB_DIR/.complete ]]; then
  log "extracting TensorFlow $TF_VERSION libraries and C API headers into ${LIB_DIR#"$ROOT"/}"
  rm -rf "$LIB_DIR" "$LIB_DIR.tmp"
  mkdir -p "$LIB_DIR.tmp"
  wheels=()
  for pin in "${TF_WHEELS[@]}"; do wheels+=("$(wheel_file "${pin% *}")"); done
  python3 - "$LIB_DIR.tmp" "${wheels[@]}" <<'PY'
"""Extracts what the tfjs binding needs from TensorFlow wheels.

From the tensorflow(-cpu) wheel: the two shared libraries into lib/, and the transitive closure of the
quoted #includes of the C API headers the binding includes into include/ (a few MB, not the whole
500 MB tree). From nvidia-* wheels: nvidia/<name>/lib/*.so*, the layout TensorFlow's RUNPATH expects.
"""
import os, re, shutil, sys, zipfile

dest, wheels = sys.argv[1], sys.argv[2:]
ROOTS = ["tensorflow/c/c_api.h", "tensorflow/c/eager/c_api.h", "tensorflow/c/tf_datatype.h",
         "tensorflow/c/tf_status.h", "tensorflow/c/tf_tensor.h", "tensorflow/core/platform/ctstring_internal.h"]
INC = "tensorflow/include/"
LIBS = {"tensorflow/libtensorflow_cc.so.2", "tensorflow/libtensorflow_framework.so.2"}

def copy(z, member, out):
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with z.open(member) as src, open(out, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)

for wheel in wheels:
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        if LIBS <= names:
            for lib in LIBS:
                copy(z, lib, os.path.join(dest, "lib", os.path.basename(lib)))
            todo, seen = list(ROOTS), set()
            while todo:
                h = todo.pop()
                if h in seen or INC + h not in names:
                    continue  # system header, or one only other platforms include
                seen.add(h)
                text = z.read(INC + h).decode("utf-8", "replace")
                todo += re.findall(r'^\s*#\s*include\s+"([^"]+)"', text, re.M)
            missing = [h for h in ROOTS if h not in seen]
            if missing:
                sys.exit(f"{wheel} lacks C API headers {missing}")
            for h in seen:
                copy(z, INC + h, os.path.join(dest, "include", h))
            print(f"{os.path.basename(wheel)}: 2 libraries, {len(seen)} headers", file=sys.stderr)
        else:
            libs = [n for n in names if re.match(r"nvidia/[^/]+/lib/[^/]+\.so[.\d]*$", n)]
            for n in libs:
                copy(z, n, os.path.join(dest, n))
            print(f"{os.path.basename(wheel)}: {len(libs)} libraries", file=sys.stderr)
if not os.path.isfile(os.path.join(dest, "lib", "libtensorflow_cc.so.2")):
    sys.exit("no wheel carried libtensorflow_cc.so.2")
PY
  touch "$LIB_DIR.tmp/.complete"
  mv "$LIB_DIR.tmp" "$LIB_DIR"
fi

# --- 3. the npm package, without a second tfjs -------------------------------------------------------
if [[ ! -f $PKG_DIR/package.json ]] || [[ $(node -p "require('$PKG_DIR/package.json').version") != "$TFJS_VERSION" ]]; then
  log "installing $TFJS_PACKAGE@$TFJS_VERSION (--ignore-scripts) into ${PREFIX#"$ROOT"/}"
  rm -rf "$PREFIX"
  mkdir -p "$PREFIX"
  printf '{ "name": "kernel-sweep-native-%s", "private": true }\n' "$VARIANT" >"$PREFIX/package.json"
  npm install --prefix "$PREFIX" --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error \
    "$TFJS_PACKAGE@$TFJS_VERSION" >&2
  # Its @tensorflow/tfjs (and tfjs-core, layers, backends ...) would shadow the project's copy.
  find "$PREFIX/node_modules/@tensorflow" -mindepth 1 -maxdepth 1 ! -name "${TFJS_PACKAGE#@tensorflow/}" \
    -exec rm -rf {} +
  [[ -z $(find "$PREFIX/node_modules" -path '*/@tensorflow/tfjs-core' -print -quit) ]] \
    || die "a nested @tensorflow/tfjs-core is left under ${PREFIX#"$ROOT"/}"
fi

# --- 4. deps/ layout + node-gyp ----------------------------------------------------------------------
log "building the $TFJS_PACKAGE binding against TensorFlow $TF_VERSION"
cd "$PKG_DIR"
rm -rf deps build lib
mkdir -p deps/lib
cp -a "$LIB_DIR/include" deps/include
# Hard links: no second copy of ~850 MB (copy when .tools spans file systems).
for lib in libtensorflow_cc.so.2 libtensorflow_framework.so.2; do
  ln "$LIB_DIR/lib/$lib" "deps/lib/$lib" 2>/dev/null || cp "$LIB_DIR/lib/$lib" "deps/lib/$lib"
done
ln -s libtensorflow_cc.so.2 deps/lib/libtensorflow.so
ln -s libtensorflow_cc.so.2 deps/lib/libtensorflow.so.2
ln -s libtensorflow_cc.so.2 deps/lib/libtensorflow.so.2.9.1 # what scripts/install.js checks before downloading
ln -s libtensorflow_framework.so.2 deps/lib/libtensorflow_framework.so
if [[ -d $LIB_DIR/nvidia ]]; then
  mkdir -p deps/nvidia
  for d in "$LIB_DIR"/nvidia/*/; do cp -al "$d" deps/nvidia/ 2>/dev/null || cp -a "$d" deps/nvidia/; done
fi
name=$(node -p "require('./package.json').binary.module_name")
napi=$(node -p "const b=require('./package.json').binary; Math.max(...b.napi_versions.filter((v) => v <= $NAPI))")
mpath=$(node -p "require('path').resolve(require('./package.json').binary.module_path.replace('{napi_build_version}', '$napi'))")
node_prefix=$(node -p 'require("path").resolve(process.execPath, "../..")')
nodedir_args=()
# Local headers: node-gyp would otherwise download them from nodejs.org. The running Node's own first;
# else a distribution's (Debian's libnode-dev, under /usr): the binding uses Node-API only, whose ABI
# does not change between Node versions, so another Node's headers of the same Node-API build it.
for dir in "$node_prefix" /usr; do
  if [[ -f $dir/include/node/node_api.h && -f $dir/include/node/common.gypi ]]; then
    nodedir_args=(--nodedir="$dir")
    [[ $dir == "$node_prefix" ]] || log "Node headers: $dir/include/node ($(sed -n 's/^#define NODE_MAJOR_VERSION //p' "$dir/include/node/node_version.h" 2>/dev/null || echo '?').x; Node-API $napi is the same)"
    break
  fi
done
node_gyp="$(dirname "$(node -p 'require.resolve("npm/package.json", { paths: [require("path").resolve(process.execPath, "../../lib/node_modules")] })')")/node_modules/node-gyp/bin/node-gyp.js"
[[ -f $node_gyp ]] || node_gyp=$(command -v node-gyp || true)
[[ -n $node_gyp ]] || die "node-gyp not found (it ships with npm)"
JOBS=$(nproc 2>/dev/null || echo 2)
node "$node_gyp" rebuild "${nodedir_args[@]}" --jobs="$JOBS" \
  --module_name="$name" --module_path="$mpath" --napi_build_version="$napi" >"$PREFIX/node-gyp.log" 2>&1 \
  || { tail -n 40 "$PREFIX/node-gyp.log" >&2; die "node-gyp failed (full log: ${PREFIX#"$ROOT"/}/node-gyp.log)"; }
[[ -f $mpath/$name.node ]] || die "node-gyp succeeded but $mpath/$name.node is missing"
if ldd "$mpath/$name.node" | grep -q 'not found'; then
  ldd "$mpath/$name.node" >&2
  die "the binding has unresolved libraries"
fi
rm -rf build/Release/obj.target deps/include
cd "$ROOT"

# --- 5. smoke test in the project's tfjs ---------------------------------------------------------------
if [[ -f $ROOT/node_modules/@tensorflow/tfjs-core/package.json ]]; then
  TF_CPP_MIN_LOG_LEVEL=2 node -e '
    const [pkgDir, want] = process.argv.slice(1);
    const tf = require("@tensorflow/tfjs");
    const core = require.resolve("@tensorflow/tfjs-core");
    if (require("@tensorflow/tfjs-core/package.json").version !== want)
      throw new Error(`project tfjs-core is not ${want}`);
    const node = require(pkgDir);
    const theirs = require.resolve("@tensorflow/tfjs-core", { paths: [pkgDir] });
    if (theirs !== core) throw new Error(`two tfjs-core instances: ${core} and ${theirs}`);
    if (tf.getBackend() !== "tensorflow") throw new Error(`backend is ${tf.getBackend()}`);
    const y = tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).dataSync();
    if (y[0] !== 3) throw new Error("matMul gave " + y[0]);
    console.error(`[native-tf] loaded: backend tensorflow, TensorFlow ${tf.backend().binding.TF_Version}`);
  ' "$PKG_DIR" "$TFJS_VERSION" || die "the built binding does not load (see above)"
else
  log "project node_modules absent (npm ci not run yet): load check skipped"
fi

echo "$STAMP_KEY" >"$STAMP"
log "$TFJS_PACKAGE $TFJS_VERSION on TensorFlow $TF_VERSION ready in $((SECONDS - started)) s: $(binding_path)"
