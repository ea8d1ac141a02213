import { Module } from '@nestjs/common';
import { createLogger, loadConfig, s3SettingsFrom, workerEnvRules, type Logger, type WorkerEnv } from '@kernel-sweep/config';
import { ArtifactStore, DatasetVersionRepository, FeatureSetRepository, repositoryProviders } from '@kernel-sweep/storage';
import {
  BookkeepingActivities,
  DatasetProvider,
  FeatureCache,
  PackSettings,
  ReportingActivities,
  TrainingActivities,
  TrainingObserver,
} from '@kernel-sweep/orchestration/worker';
import { WorkerHttpServer } from './http/worker-http.server';
import { WorkerMetrics } from './metrics/worker-metrics';
import { LOGGER, WORKER_CONFIG } from './tokens';
import { KubernetesApi } from './pod-deletion-cost/kubernetes-api';
import { PodDeletionCost } from './pod-deletion-cost/pod-deletion-cost';
import { TemporalWorkerService } from './temporal-worker.service';

/**
 * The worker process: validated config, metrics, S3 repositories, data sets, the activities, the
 * pod deletion cost, the Temporal workers and the health/metrics HTTP server.
 */
@Module({
  providers: [
    { provide: WORKER_CONFIG, useFactory: () => loadConfig(workerEnvRules, process.env) },
    { provide: LOGGER, useFactory: (cfg: WorkerEnv) => createLogger('worker', cfg.LOG_LEVEL), inject: [WORKER_CONFIG] },
    WorkerMetrics,
    { provide: TrainingObserver, useExisting: WorkerMetrics },
    {
      provide: ArtifactStore,
      useFactory: (cfg: WorkerEnv, metrics: WorkerMetrics) => new ArtifactStore(s3SettingsFrom(cfg), undefined, metrics),
      inject: [WORKER_CONFIG, WorkerMetrics],
    },
    ...repositoryProviders(ArtifactStore),
    {
      provide: DatasetProvider,
      useFactory: (cfg: WorkerEnv, versions: DatasetVersionRepository) =>
        new DatasetProvider({ fashionMnistDir: cfg.FASHION_MNIST_DIR, mnistDir: cfg.MNIST_DIR, cacheDir: cfg.KS_CACHE_DIR, versions }),
      inject: [WORKER_CONFIG, DatasetVersionRepository],
    },
    {
      provide: FeatureCache,
      useFactory: (cfg: WorkerEnv, entries: FeatureSetRepository, datasets: DatasetProvider, metrics: WorkerMetrics) =>
        new FeatureCache({ entries, datasets, cacheDir: cfg.KS_CACHE_DIR, maxDiskBytes: cfg.KS_CACHE_MAX_BYTES, observer: metrics }),
      inject: [WORKER_CONFIG, FeatureSetRepository, DatasetProvider, WorkerMetrics],
    },
    {
      provide: PodDeletionCost,
      useFactory: (cfg: WorkerEnv, log: Logger) =>
        cfg.WORKER_POD_DELETION_COST && cfg.KUBERNETES_SERVICE_HOST && cfg.POD_NAME && cfg.POD_NAMESPACE
          ? PodDeletionCost.on(KubernetesApi.inCluster(cfg.KUBERNETES_SERVICE_HOST, cfg.KUBERNETES_SERVICE_PORT), { namespace: cfg.POD_NAMESPACE, name: cfg.POD_NAME }, log)
          : PodDeletionCost.off(),
      inject: [WORKER_CONFIG, LOGGER],
    },
    { provide: PackSettings, useFactory: (cfg: WorkerEnv) => new PackSettings(cfg.WORKER_PACK_MAX_BYTES), inject: [WORKER_CONFIG] },
    TrainingActivities,
    BookkeepingActivities,
    ReportingActivities,
    TemporalWorkerService,
    WorkerHttpServer,
  ],
})
export class WorkerModule {}
