import { AppProcess, appMain } from '../../scripts/lib/app-process';

export const WORKER_MAIN = appMain('worker');

/** A real worker process (the built worker), resolved once it logs `worker running`. */
export const WorkerProcess = {
  start: (env: Record<string, string>, timeoutMs = 60_000): Promise<AppProcess> =>
    AppProcess.start(WORKER_MAIN, env, /worker running/, timeoutMs),
};
export type WorkerProcess = AppProcess;

/** Settings for a wasm worker serving both the sweeps and the CPU trials queue of `env`. */
export const cpuWorkerEnv = (env: Record<string, string>): Record<string, string> => ({
  ...env,
  WORKER_TASK_QUEUES: `${env.KS_TASK_QUEUE_SWEEPS},${env.KS_TASK_QUEUE_CPU}`,
  WORKER_BACKEND: 'wasm',
});
