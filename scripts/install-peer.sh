#!/usr/bin/env bash
# PyTorch for the benchmarks' peer figures (peer.pytorch.*), from PyPI into .tools/peer:
#   bash scripts/install-peer.sh
# The Linux torch wheel on PyPI is the CUDA build (~5 GB with its nvidia-* wheels); it runs on the CPU
# and only imports with those wheels present. Versions are pinned in bench/peer/requirements.txt.
# Idempotent: a stamp of the requirements makes a re-run a no-op. Not part of the set-up or the tests:
# `npm run bench -- peer` calls it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.tools/peer"
REQS="$ROOT/bench/peer/requirements.txt"
STAMP="$VENV/.installed"
log() { printf '[peer] %s\n' "$*" >&2; }

want="$(sha256sum "$REQS" | cut -d' ' -f1)"
if [[ -f $STAMP && $(cat "$STAMP") == "$want" ]] && "$VENV/bin/python" -c 'import torch' 2>/dev/null; then
  exit 0
fi
command -v python3 >/dev/null || { log "ERROR: python3 is needed"; exit 1; }
log "installing PyTorch (bench/peer/requirements.txt) into $VENV; about 5 GB"
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQS"
"$VENV/bin/python" -c 'import torch; print("[peer] torch", torch.__version__, "threads", torch.get_num_threads())' >&2
echo "$want" > "$STAMP"
