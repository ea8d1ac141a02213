#!/usr/bin/env bash
# One-command GPU benchmark of trial packs: `bash bench/gpu.sh` on a machine with an NVIDIA GPU
# and its driver. It sets up the project, installs the CUDA build of native TensorFlow
# (scripts/install-native-tf.sh gpu: @tensorflow/tfjs-node-gpu on the TensorFlow 2.21 wheel and
# its nvidia-* library wheels), builds, and trains packs at several K on the GPU, printing `bench`
# lines (bench/pack.bench.ts; the `.tensorflow` figures are the GPU's here):
#   head.pack.epoch.k<K>.tensorflow       K = 16, 64, 256, 1024 (BENCH_PACK_SIZES)
#   train.pack.learned.k<K>.tensorflow    K = 4, 16, 64, 128 (BENCH_CNN_PACK_SIZES)
# It fails, naming the cause, when no GPU is visible or the binding runs on the CPU.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ -e /dev/nvidiactl ]] || { echo "[gpu-bench] no NVIDIA GPU visible to this machine (/dev/nvidiactl is missing)" >&2; exit 2; }
bash scripts/setup.sh >&2
bash scripts/install-native-tf.sh gpu >&2
npm run build --silent >&2
export BENCH_REQUIRE_GPU=1
export BENCH_PACK_SIZES="${BENCH_PACK_SIZES:-16,64,256,1024}"
export BENCH_CNN_PACK_SIZES="${BENCH_CNN_PACK_SIZES:-4,16,64,128}"
node -e '
  require("./dist/bench/pack.bench.js")
    .measure("tensorflow", /^(head\.pack\.epoch\.k\d+|train\.(alone|pack)\.learned(\.k\d+)?)\.tensorflow$/)
    .catch((e) => { console.error(e); process.exit(1); });
'
