import { AppProcess, appMain } from '../../scripts/lib/app-process';

export const WORKER_MAIN = appMain('worker');

/** A real worker process (the built worker), resolved once it logs `worker running`. */
export const WorkerProcess = {
  start: (env: Record<string, string>, timeoutMs = 60_000): Promise<AppProcess> =>
    AppProcess.start(WORKER_MAIN, env, /worker running/, timeoutMs),
};
export type WorkerProcess = AppProcess;
