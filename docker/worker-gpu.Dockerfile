# kernel-sweep GPU worker: training activities on queue `trials-gpu` with @tensorflow/tfjs-node-gpu,
# whose native binding is compiled here against the TensorFlow shared libraries of the CUDA-enabled
# `tensorflow` wheel from PyPI (the binding's own libtensorflow download is dead upstream: 403).
# Build from the repository root:  docker build -f docker/worker-gpu.Dockerfile -t kernel-sweep/worker-gpu:dev .
#
# Keep CUDA_IMAGE in step with the CUDA/cuDNN versions TensorFlow ${TF_VERSION} was built against
# (tensorflow.org/install/source#gpu). The node binding and TensorFlow load the CUDA libraries from this
# base image; the NVIDIA driver comes from the host through the NVIDIA container toolkit.
# The CUDA image stays on its tag: no digest for it could be verified when it was pinned (check with
# `docker buildx imagetools inspect nvidia/cuda:12.5.1-cudnn-runtime-ubuntu22.04` and add it). Where
# neither it nor nodejs.org can be reached, `scripts/images.sh gpu` builds from a local Debian base
# (CUDA_IMAGE and NODE_IMAGE) with NODE_DIST=image: TensorFlow then loads CUDA and cuDNN from the
# nvidia-* wheels alone (below), which is what it does in any case.
ARG CUDA_IMAGE=nvidia/cuda:12.5.1-cudnn-runtime-ubuntu22.04
# node:22-bookworm-slim, pinned by digest (the tag is kept for readers; the digest is what is pulled).
ARG NODE_IMAGE=node:22-bookworm-slim@sha256:f32b81066cde10a75dbac96646099533316d94bac4150c55da1636e1f0ffdc46
ARG NODE_VERSION=22.21.1
ARG TF_VERSION=2.21.0
ARG TFJS_VERSION=4.22.0
# Where Node.js comes from: `official` (the nodejs.org tarball, checksum-verified) or `image` (the node
# and npm that NODE_IMAGE carries, for builds that cannot reach nodejs.org; scripts/images.sh gpu).
ARG NODE_DIST=official

# --- node-dist-official: Node.js from the official tarball, checksum-verified ------------------------
FROM ${CUDA_IMAGE} AS node-dist-official
ARG NODE_VERSION
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# Build tools only; this stage is discarded. Ubuntu's jammy versions are what the CUDA base image pins.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl xz-utils \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /tmp/node
RUN tarball="node-v${NODE_VERSION}-linux-x64.tar.xz" \
 && curl -fsSLO "https://nodejs.org/dist/v${NODE_VERSION}/${tarball}" \
 && curl -fsSL "https://nodejs.org/dist/v${NODE_VERSION}/SHASUMS256.txt" | grep " ${tarball}\$" | sha256sum -c - \
 && mkdir -p /opt/node \
 && tar -xJf "${tarball}" -C /opt/node --strip-components=1 --no-same-owner \
 && rm -rf /tmp/node \
 && /opt/node/bin/node --version

# --- node-dist-image: Node.js and npm as NODE_IMAGE carries them, in the same /opt/node layout --------
FROM ${NODE_IMAGE} AS node-dist-image
RUN mkdir -p /opt/node/bin /opt/node/lib \
 && cp /usr/local/bin/node /opt/node/bin/node \
 && cp -a /usr/local/lib/node_modules /opt/node/lib/ \
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /opt/node/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /opt/node/bin/npx \
 && /opt/node/bin/node --version

# The stage NODE_DIST names (a stage, not an image to pin).
# hadolint ignore=DL3006
FROM node-dist-${NODE_DIST} AS node-dist

# --- node-base: CUDA runtime + cuDNN + Node 22 ---------------------------------------------------------
FROM ${CUDA_IMAGE} AS node-base
COPY --from=node-dist /opt/node /opt/node
ENV PATH=/opt/node/bin:${PATH}

# --- build: compile apps + libs into dist/ and pre-bundle the workflow code (pure JS, any Node 22) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY scripts ./scripts
RUN npm run build && test -f dist/apps/worker/src/main.js && test -f dist/workflow-bundle.js

# --- tf-libs: TensorFlow C API headers + shared libraries out of the CUDA-enabled wheel --------------
# Same wheels, hashes and layout as `bash scripts/install-native-tf.sh gpu` (the pins live in that script,
# which prints them as a hashed requirements file): the `tensorflow` wheel plus the nvidia-* wheels of its
# `and-cuda` extra. TensorFlow dlopens CUDA/cuDNN through its RUNPATH ($ORIGIN/../nvidia/<name>/lib), so
# the exact versions it was built against are used, whatever cuDNN the base image carries.
FROM node-base AS tf-libs
ARG TF_VERSION
# Build tools only; this stage is discarded. Ubuntu's jammy versions are what the CUDA base image pins.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-pip \
 && rm -rf /var/lib/apt/lists/*
COPY scripts/install-native-tf.sh /tmp/install-native-tf.sh
# The C libraries do not depend on the Python version; the pinned wheel is the cp311 manylinux one.
RUN bash /tmp/install-native-tf.sh gpu --requirements >/tmp/requirements.txt \
 && python3 -m pip download --no-deps --require-hashes --only-binary=:all: --dest /tmp/wheel \
      --python-version 3.11 --implementation cp \
      --platform manylinux_2_27_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
      -r /tmp/requirements.txt \
 && grep -q "tensorflow==${TF_VERSION}" /tmp/requirements.txt \
 && python3 -m zipfile -e /tmp/wheel/tensorflow-${TF_VERSION}-*.whl /tmp/tf \
 && mkdir -p /opt/tf/lib /opt/tf/nvidia \
 && cp -a /tmp/tf/tensorflow/include /opt/tf/include \
 && test -f /opt/tf/include/tensorflow/c/c_api.h \
 && cp /tmp/tf/tensorflow/libtensorflow_cc.so.2 /tmp/tf/tensorflow/libtensorflow_framework.so.2 /opt/tf/lib/ \
 && for w in /tmp/wheel/nvidia_*.whl; do python3 -m zipfile -e "$w" /tmp/nv; done \
 && for d in /tmp/nv/nvidia/*/lib; do mkdir -p "/opt/tf/nvidia/$(basename "$(dirname "$d")")" && cp -a "$d" "/opt/tf/nvidia/$(basename "$(dirname "$d")")/"; done \
 && test -f /opt/tf/nvidia/cudnn/lib/libcudnn.so.9 \
 && rm -rf /tmp/wheel /tmp/tf /tmp/nv

# --- tfjs-gpu: production node_modules + tfjs-node-gpu with its binding built against /opt/tf --------
FROM node-base AS tfjs-gpu
ARG TFJS_VERSION
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# Build tools only; this stage is discarded. Ubuntu's jammy versions are what the CUDA base image pins.
# libnode-dev: Node headers where /opt/node has none (NODE_DIST=image); the binding uses Node-API only,
# so a distribution's older Node headers of the same Node-API build it for Node 22.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ libnode-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# tfjs-node-gpu is not a dependency in package.json (CPU images never need it); it is added here without
# touching the lockfile. --ignore-scripts skips its install script: the binding is built by hand below.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund \
 && npm install --no-save --omit=dev --ignore-scripts --no-audit --no-fund "@tensorflow/tfjs-node-gpu@${TFJS_VERSION}" \
 && test "$(node -p "require('@tensorflow/tfjs-core/package.json').version")" = "${TFJS_VERSION}"
COPY --from=tf-libs /opt/tf /opt/tf
WORKDIR /app/node_modules/@tensorflow/tfjs-node-gpu
# deps/lib layout the binding links and loads against: libtensorflow_cc.so.2 is the real library (and its
# own soname); libtensorflow.so and libtensorflow.so.2 point at it; libtensorflow_framework.so.2 beside it
# (with libtensorflow_framework.so, the name the binding links with -ltensorflow_framework);
# deps/nvidia/<name>/lib is where TensorFlow's RUNPATH ($ORIGIN/../nvidia/...) finds CUDA and cuDNN.
# node-gyp needs the package's `binary` variables (module_name, module_path, napi_build_version) passed in;
# napi_build_version is the highest one the package lists that this Node supports (what node-pre-gyp
# looks up at load time).
RUN mkdir -p deps/lib \
 && cp -a /opt/tf/include deps/include \
 && cp /opt/tf/lib/libtensorflow_cc.so.2 /opt/tf/lib/libtensorflow_framework.so.2 deps/lib/ \
 && cp -a /opt/tf/nvidia deps/nvidia \
 && ln -s libtensorflow_cc.so.2 deps/lib/libtensorflow.so.2 \
 && ln -s libtensorflow_cc.so.2 deps/lib/libtensorflow.so \
 && ln -s libtensorflow_framework.so.2 deps/lib/libtensorflow_framework.so \
 && napi="$(node -p "const b=require('./package.json').binary; Math.max(...b.napi_versions.filter((v) => v <= Number(process.versions.napi)))")" \
 && name="$(node -p "require('./package.json').binary.module_name")" \
 && mpath="$(node -p "require('path').resolve(require('./package.json').binary.module_path.replace('{napi_build_version}', '${napi}'))")" \
 && nodedir=/opt/node && { test -f /opt/node/include/node/common.gypi || nodedir=/usr; } \
 && node /opt/node/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js rebuild \
      --nodedir="${nodedir}" --module_name="${name}" --module_path="${mpath}" --napi_build_version="${napi}" \
 && test -f "${mpath}/${name}.node" \
 && ! ldd "${mpath}/${name}.node" | grep 'not found' \
 && rm -rf build/Release/obj.target deps/include

# --- runtime -----------------------------------------------------------------------------------------
FROM node-base AS runtime
# The local Debian base (scripts/images.sh gpu) already has the user `node` (uid 1000).
RUN (getent group node >/dev/null || groupadd --gid 1000 node) \
 && (id -u node >/dev/null 2>&1 || useradd --uid 1000 --gid 1000 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin node) \
 && mkdir -p /data/fashion-mnist /cache \
 && chown 1000:1000 /data/fashion-mnist /cache
ENV NODE_ENV=production \
    TEMPORAL_ADDRESS=temporal-frontend:7233 \
    TEMPORAL_NAMESPACE=default \
    S3_REGION=us-east-1 \
    S3_BUCKET=kernel-sweep \
    S3_FORCE_PATH_STYLE=true \
    WORKER_TASK_QUEUES=trials-gpu \
    WORKER_BACKEND=tensorflow \
    WORKER_MAX_CONCURRENT_TRIALS=1 \
    WORKER_SHUTDOWN_GRACE_SECONDS=60 \
    WORKER_HTTP_PORT=9464 \
    FASHION_MNIST_DIR=/data/fashion-mnist \
    KS_CACHE_DIR=/cache \
    CUDA_CACHE_PATH=/tmp/cuda-cache \
    TF_CPP_MIN_LOG_LEVEL=1 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
WORKDIR /app
COPY package.json ./
COPY --from=tfjs-gpu /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER 1000:1000
EXPOSE 9464
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.WORKER_HTTP_PORT || 9464) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/worker/src/main.js"]
