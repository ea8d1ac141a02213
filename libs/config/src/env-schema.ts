import { z } from 'zod';
import { MAX_PACK_SIZE } from '@kernel-sweep/domain';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(1).max(65535);
/** A Kubernetes object name (DNS subdomain: lower-case alphanumerics, `-` and `.`). */
const k8sName = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** A port where 0 means "off". */
const optionalPort = z.coerce.number().int().min(0).max(65535);

/** Temporal connection and task queues, shared by the gateway and the worker. */
/** Trials per fused training step: 1 (no packs) to `MAX_PACK_SIZE`. */
const packSize = z.coerce.number().int().min(1).max(MAX_PACK_SIZE);

/** Default pack sizes per trial queue (see `KS_PACK_SIZE`). */
export const DEFAULT_PACK_SIZE = { cpu: 16, gpu: 64 } as const;

export const temporalEnvSchema = z.object({
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'must be host:port').default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  KS_TASK_QUEUE_SWEEPS: z.string().min(1).default('sweeps'),
  KS_TASK_QUEUE_CPU: z.string().min(1).default('trials-cpu'),
  KS_TASK_QUEUE_GPU: z.string().min(1).default('trials-gpu'),
});

/** S3 (or an S3-compatible server such as SeaweedFS). */
export const s3EnvSchema = z.object({
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name')
    .default('kernel-sweep'),
  S3_PREFIX: z.string().default(''),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool.default('true'),
});

export const gatewayEnvSchema = temporalEnvSchema.merge(s3EnvSchema).extend({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
  GATEWAY_PORT: port.default(3000),
  /** Base URL of the Temporal UI, for links to sweeps. */
  TEMPORAL_UI_URL: z.string().url().default('http://127.0.0.1:8233'),
  /** Comma-separated `owner:sha256hex` pairs; the key itself is never stored. */
  KS_API_KEYS: z
    .string()
    .regex(/^([A-Za-z0-9_.-]+:[0-9a-f]{64})(,[A-Za-z0-9_.-]+:[0-9a-f]{64})*$/, 'must be owner:sha256hex[,owner:sha256hex...]'),
  KS_MAX_TRIALS_PER_SWEEP: z.coerce.number().int().positive().default(10000),
  /**
   * Most trials of a sweep on the CPU queue trained together in one fused step (`planPacks`, `packKeyOf`;
   * 1 = each alone). The default is measured: bench/pack.bench.ts.
   */
  KS_PACK_SIZE: packSize.default(DEFAULT_PACK_SIZE.cpu),
  /** The same for sweeps on the GPU queue (`accelerator: gpu`). */
  KS_PACK_SIZE_GPU: packSize.default(DEFAULT_PACK_SIZE.gpu),
  /** Deepest selection nesting an operation may have (fragments expanded). */
  KS_GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(8),
  /** Most estimated cost an operation may have: 1 per field, list fields times `first` (or the default page). */
  KS_GRAPHQL_MAX_COMPLEXITY: z.coerce.number().int().positive().default(5000),
  /** Per API key: burst size of the token bucket (operations). */
  KS_RATE_LIMIT_BURST: z.coerce.number().int().positive().default(60),
  /** Per API key: sustained operations per second (bucket refill rate). */
  KS_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(10),
  /** How often `sweepProgress` subscriptions poll the workflow's progress query (ms). */
  KS_PROGRESS_POLL_MS: z.coerce.number().int().min(100).default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export const workerEnvSchema = temporalEnvSchema.merge(s3EnvSchema).extend({
  /** Which queues this process polls: `sweeps` hosts workflows, `trials-*` host training activities. */
  WORKER_TASK_QUEUES: z
    .string()
    .default('sweeps,trials-cpu')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(1)).min(1)),
  WORKER_BACKEND: z.enum(['auto', 'wasm', 'cpu', 'tensorflow']).default('auto'),
  /** Intra-op threads of native TensorFlow (0 = one per core); unset: TF_NUM_INTRAOP_THREADS, else 1 (see libs/tfjs-engine backend.ts). */
  WORKER_TF_THREADS: z.coerce.number().int().min(0).optional(),
  WORKER_MAX_CONCURRENT_TRIALS: z.coerce.number().int().positive().default(1),
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().positive().default(60),
  /** Complete trials without training (orchestration benchmarks, deployment smoke tests). */
  WORKER_DRY_RUN: bool.default('false'),
  FASHION_MNIST_DIR: z.string().min(1).default('/usr/share/datasets/fashion-mnist'),
  MNIST_DIR: z.string().min(1).default('/usr/share/datasets/mnist'),
  KS_CACHE_DIR: z.string().min(1).default('.stack/cache'),
  /** Bound of the local feature copies under KS_CACHE_DIR, least recently used removed first (default 4 GiB); keep it below a pod's cache volume, leaving room for the data set copies there. */
  KS_CACHE_MAX_BYTES: z.coerce.number().int().positive().default(4 * 2 ** 30),
  /** Input bytes one chunk of a pack holds in memory (its distinct frozen-feature entries or data set views); a larger pack trains in chunks. */
  WORKER_PACK_MAX_BYTES: z.coerce.number().int().positive().default(2 ** 30),
  /** Health and metrics over HTTP (`/health/live`, `/health/ready`, `/metrics`); 0 = no server (the local default). */
  WORKER_HTTP_PORT: optionalPort.default(0),
  WORKER_HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  /** Where the Temporal SDK's Prometheus exporter listens (127.0.0.1 only; `/metrics` appends it); used only with WORKER_HTTP_PORT. */
  WORKER_SDK_METRICS_PORT: port.default(9465),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Raise this pod's `controller.kubernetes.io/pod-deletion-cost` while it trains (in-cluster API access). */
  WORKER_POD_DELETION_COST: bool.default('false'),
  /** This pod's name and namespace (downward API); needed with `WORKER_POD_DELETION_COST`. */
  POD_NAME: z.string().regex(k8sName, 'must be a Kubernetes object name').optional(),
  POD_NAMESPACE: z.string().regex(k8sName, 'must be a Kubernetes namespace name').optional(),
  /** The API server, as the kubelet sets it in every container. */
  KUBERNETES_SERVICE_HOST: z.string().min(1).optional(),
  KUBERNETES_SERVICE_PORT: port.default(443),
});

/**
 * The worker's environment with its cross-variable rules: `WORKER_POD_DELETION_COST` needs
 * `POD_NAME`, `POD_NAMESPACE` and the in-cluster `KUBERNETES_SERVICE_HOST`. ({@link workerEnvSchema} stays a plain object for its shape.)
 */
export const workerEnvRules = workerEnvSchema.superRefine((env, ctx) => {
  if (!env.WORKER_POD_DELETION_COST) return;
  for (const name of ['POD_NAME', 'POD_NAMESPACE', 'KUBERNETES_SERVICE_HOST'] as const) {
    if (!env[name]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: 'required when WORKER_POD_DELETION_COST is true (set inside a pod)' });
  }
});

export type TemporalEnv = z.infer<typeof temporalEnvSchema>;
export type S3Env = z.infer<typeof s3EnvSchema>;
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;
export type WorkerEnv = z.infer<typeof workerEnvSchema>;
