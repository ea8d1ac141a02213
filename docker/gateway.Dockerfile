# kernel-sweep gateway: NestJS GraphQL API on GATEWAY_HOST:GATEWAY_PORT (/graphql, /health/*, /metrics).
# Build from the repository root:  docker build -f docker/gateway.Dockerfile -t kernel-sweep/gateway:dev .
# node:22-bookworm-slim, pinned by digest (the tag is kept for readers; the digest is what is pulled).
ARG NODE_IMAGE=node:22-bookworm-slim@sha256:f32b81066cde10a75dbac96646099533316d94bac4150c55da1636e1f0ffdc46

# --- deps: full dependency tree (dev included) for the TypeScript build -----------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

# --- build: compile apps + libs into dist/ -----------------------------------------------------------
FROM deps AS build
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY scripts ./scripts
RUN npm run build && test -f dist/apps/gateway/src/main.js

# --- prod-deps: production dependencies only ---------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# --- runtime -----------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    GATEWAY_HOST=0.0.0.0 \
    GATEWAY_PORT=3000 \
    TEMPORAL_ADDRESS=temporal-frontend:7233 \
    TEMPORAL_NAMESPACE=default \
    S3_REGION=us-east-1 \
    S3_BUCKET=kernel-sweep \
    S3_FORCE_PATH_STYLE=true
WORKDIR /app
# Files stay root-owned (read-only for the app user); the process runs as the image's `node` user (uid 1000).
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER 1000:1000
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.GATEWAY_PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/gateway/src/main.js"]
