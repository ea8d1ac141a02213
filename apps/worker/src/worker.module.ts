import { Module } from '@nestjs/common';
import { createLogger, loadConfig, s3SettingsFrom, workerEnvSchema, type WorkerEnv } from '@kernel-sweep/config';
import { ArtifactStore } from '@kernel-sweep/storage';
import { DatasetProvider } from '@kernel-sweep/orchestration/activities';
import { LOGGER, WORKER_CONFIG } from './tokens';
import { TemporalWorkerService } from './temporal-worker.service';

/** The worker process: validated config, S3 store, data sets and the Temporal workers. */
@Module({
  providers: [
    { provide: WORKER_CONFIG, useFactory: () => loadConfig(workerEnvSchema, process.env) },
    { provide: LOGGER, useFactory: (cfg: WorkerEnv) => createLogger('worker', cfg.LOG_LEVEL), inject: [WORKER_CONFIG] },
    { provide: ArtifactStore, useFactory: (cfg: WorkerEnv) => new ArtifactStore(s3SettingsFrom(cfg)), inject: [WORKER_CONFIG] },
    {
      provide: DatasetProvider,
      useFactory: (cfg: WorkerEnv, store: ArtifactStore) =>
        new DatasetProvider({ fashionMnistDir: cfg.FASHION_MNIST_DIR, mnistDir: cfg.MNIST_DIR, cacheDir: cfg.KS_CACHE_DIR, store }),
      inject: [WORKER_CONFIG, ArtifactStore],
    },
    TemporalWorkerService,
  ],
})
export class WorkerModule {}
