import { Module, type Provider } from '@nestjs/common';
import { createLogger, loadConfig, s3SettingsFrom, workerEnvSchema, type WorkerEnv } from '@kernel-sweep/config';
import { ArtifactStore, DatasetVersionRepository, FeatureSetRepository, REPOSITORY_CLASSES } from '@kernel-sweep/storage';
import {
  BookkeepingActivities,
  DatasetProvider,
  FeatureCache,
  ReportingActivities,
  TrainingActivities,
  TrainingObserver,
} from '@kernel-sweep/orchestration/worker';
import { WorkerHttpServer } from './http/worker-http.server';
import { WorkerMetrics } from './metrics/worker-metrics';
import { LOGGER, WORKER_CONFIG } from './tokens';
import { TemporalWorkerService } from './temporal-worker.service';

/** One provider per artifact repository, each over the process's store. */
const repositories: Provider[] = REPOSITORY_CLASSES.map((repository) => ({ provide: repository, useFactory: (store: ArtifactStore) => new repository(store), inject: [ArtifactStore] }));

/**
 * The worker process: validated config, metrics, S3 repositories, data sets, the activities, the
 * Temporal workers and the health/metrics HTTP server.
 */
@Module({
  providers: [
    { provide: WORKER_CONFIG, useFactory: () => loadConfig(workerEnvSchema, process.env) },
    { provide: LOGGER, useFactory: (cfg: WorkerEnv) => createLogger('worker', cfg.LOG_LEVEL), inject: [WORKER_CONFIG] },
    WorkerMetrics,
    { provide: TrainingObserver, useExisting: WorkerMetrics },
    {
      provide: ArtifactStore,
      useFactory: (cfg: WorkerEnv, metrics: WorkerMetrics) => new ArtifactStore(s3SettingsFrom(cfg), undefined, metrics),
      inject: [WORKER_CONFIG, WorkerMetrics],
    },
    ...repositories,
    {
      provide: DatasetProvider,
      useFactory: (cfg: WorkerEnv, versions: DatasetVersionRepository) =>
        new DatasetProvider({ fashionMnistDir: cfg.FASHION_MNIST_DIR, mnistDir: cfg.MNIST_DIR, cacheDir: cfg.KS_CACHE_DIR, versions }),
      inject: [WORKER_CONFIG, DatasetVersionRepository],
    },
    {
      provide: FeatureCache,
      useFactory: (cfg: WorkerEnv, entries: FeatureSetRepository, datasets: DatasetProvider, metrics: WorkerMetrics) =>
        new FeatureCache({ entries, datasets, cacheDir: cfg.KS_CACHE_DIR, observer: metrics }),
      inject: [WORKER_CONFIG, FeatureSetRepository, DatasetProvider, WorkerMetrics],
    },
    TrainingActivities,
    BookkeepingActivities,
    ReportingActivities,
    TemporalWorkerService,
    WorkerHttpServer,
  ],
})
export class WorkerModule {}
