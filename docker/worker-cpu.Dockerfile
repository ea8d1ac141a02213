# kernel-sweep CPU worker: workflow code (queue `sweeps`) and CPU training activities (queue `trials-cpu`),
# in one process by default (WORKER_TASK_QUEUES below); Kubernetes runs them apart from this one image,
# worker-sweeps on `sweeps` and worker-cpu on `trials-cpu` (k8s/base), so training never delays a
# workflow task or a query. Training runs TensorFlow.js on native TensorFlow (@tensorflow/tfjs-node),
# its binding built here against the `tensorflow-cpu` wheel from PyPI by scripts/install-native-tf.sh,
# as the local set-up does (about 2x the wasm backend's speed). Carries Fashion-MNIST from the Debian
# package dataset-fashion-mnist, which the data-set import Job (k8s/base/dataset-import-job.yaml) copies
# into S3.
# Build from the repository root:  docker build -f docker/worker-cpu.Dockerfile -t kernel-sweep/worker-cpu:dev .
# node:22-bookworm-slim, pinned by digest (the tag is kept for readers; the digest is what is pulled).
ARG NODE_IMAGE=node:22-bookworm-slim@sha256:f32b81066cde10a75dbac96646099533316d94bac4150c55da1636e1f0ffdc46

# --- deps: full dependency tree (dev included) for the TypeScript build -----------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

# --- build: compile apps + libs into dist/ and pre-bundle the workflow code --------------------------
FROM deps AS build
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY scripts ./scripts
RUN npm run build && test -f dist/apps/worker/src/main.js && test -f dist/workflow-bundle.js \
 && test -f dist/scripts/import-dataset.js

# --- native: production dependencies + the tfjs-node binding built for this image's Node -------------
# install-native-tf.sh downloads the hash-pinned wheel, extracts the TensorFlow libraries and C API
# headers, compiles the binding with node-gyp into .tools/native/cpu and checks that it loads in the
# project's tfjs (hence `npm ci` first).
FROM ${NODE_IMAGE} AS native
# Build tools only; this stage is discarded. Debian's bookworm versions are what the base image pins.
# libnode-dev: Node headers for a base that lacks its own (the local base of scripts/images.sh); the
# binding uses Node-API only, so Debian's Node 18 headers build it for Node 22.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-pip make g++ libnode-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
COPY scripts/install-native-tf.sh ./scripts/install-native-tf.sh
RUN bash scripts/install-native-tf.sh cpu \
 && rm -rf .tools/tf \
 && test -f .tools/native/cpu/.installed

# --- runtime -----------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends dataset-fashion-mnist=0.0~git20200523.55506a9-1 \
 && rm -rf /var/lib/apt/lists/* \
 && test -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz
ENV NODE_ENV=production \
    TEMPORAL_ADDRESS=temporal-frontend:7233 \
    TEMPORAL_NAMESPACE=default \
    S3_REGION=us-east-1 \
    S3_BUCKET=kernel-sweep \
    S3_FORCE_PATH_STYLE=true \
    WORKER_TASK_QUEUES=sweeps,trials-cpu \
    WORKER_BACKEND=auto \
    WORKER_MAX_CONCURRENT_TRIALS=1 \
    WORKER_SHUTDOWN_GRACE_SECONDS=60 \
    WORKER_HTTP_PORT=9464 \
    FASHION_MNIST_DIR=/usr/share/datasets/fashion-mnist \
    KS_CACHE_DIR=/cache \
    TF_CPP_MIN_LOG_LEVEL=1
WORKDIR /app
COPY package.json ./
COPY --from=native /app/node_modules ./node_modules
# libs/tfjs-engine finds the binding in the nearest .tools/native above the code (/app/.tools/native).
COPY --from=native /app/.tools/native ./.tools/native
COPY --from=build /app/dist ./dist
# Writable folder for the app user (uid 1000, the image's `node` user); mount a volume here in Kubernetes.
RUN mkdir -p /cache && chown 1000:1000 /cache
USER 1000:1000
EXPOSE 9464
# The worker drains on SIGTERM within WORKER_SHUTDOWN_GRACE_SECONDS; give `docker stop -t` more than that.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.WORKER_HTTP_PORT || 9464) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/worker/src/main.js"]
