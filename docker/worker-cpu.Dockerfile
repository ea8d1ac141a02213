# syntax=docker/dockerfile:1
# kernel-sweep CPU worker: workflow code (queue `sweeps`) + CPU training activities (queue `trials-cpu`),
# TensorFlow.js on the wasm backend (WORKER_BACKEND=auto picks the fastest one available).
# Build from the repository root:  docker build -f docker/worker-cpu.Dockerfile -t kernel-sweep/worker-cpu:dev .
ARG NODE_IMAGE=node:20-bookworm-slim

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
RUN npm run build && test -f dist/apps/worker/src/main.js && test -f dist/workflow-bundle.js

# --- prod-deps: production dependencies only ---------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# --- runtime -----------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
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
    FASHION_MNIST_DIR=/data/fashion-mnist \
    KS_CACHE_DIR=/cache
WORKDIR /app
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Writable folders for the app user (uid 1000, the image's `node` user); mount volumes here in Kubernetes.
RUN mkdir -p /data/fashion-mnist /cache && chown 1000:1000 /data/fashion-mnist /cache
USER 1000:1000
# The worker drains on SIGTERM within WORKER_SHUTDOWN_GRACE_SECONDS; give `docker stop -t` more than that.
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/worker/src/main.js"]
