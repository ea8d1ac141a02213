import type { ArtifactStore } from '../store';
import { CheckpointRepository } from './checkpoint.repository';
import { DatasetVersionRepository } from './dataset-version.repository';
import { FeatureSetRepository } from './feature-set.repository';
import { MetricsRepository } from './metrics.repository';
import { ReportRepository } from './report.repository';
import { SweepRecordRepository } from './sweep-record.repository';
import { TrialIndexRepository } from './trial-index.repository';
import { TrialResultRepository } from './trial-result.repository';

/** Every artifact repository over one store. */
export class ArtifactRepositories {
  readonly sweeps: SweepRecordRepository;
  readonly results: TrialResultRepository;
  readonly trialIndex: TrialIndexRepository;
  readonly metrics: MetricsRepository;
  readonly checkpoints: CheckpointRepository;
  readonly features: FeatureSetRepository;
  readonly datasets: DatasetVersionRepository;
  readonly reports: ReportRepository;

  constructor(readonly store: ArtifactStore) {
    this.sweeps = new SweepRecordRepository(store);
    this.results = new TrialResultRepository(store);
    this.trialIndex = new TrialIndexRepository(store);
    this.metrics = new MetricsRepository(store);
    this.checkpoints = new CheckpointRepository(store);
    this.features = new FeatureSetRepository(store);
    this.datasets = new DatasetVersionRepository(store);
    this.reports = new ReportRepository(store);
  }
}

/** Every repository class (each constructed over a store), for dependency-injection containers. */
export const REPOSITORY_CLASSES = [
  SweepRecordRepository,
  TrialResultRepository,
  TrialIndexRepository,
  MetricsRepository,
  CheckpointRepository,
  FeatureSetRepository,
  DatasetVersionRepository,
  ReportRepository,
] as const;

/**
 * Providers in the shape dependency-injection containers take (Nest's `{ provide, useFactory,
 * inject }`): every repository, each built over the store registered under `storeToken`.
 */
export function repositoryProviders<Token>(storeToken: Token) {
  return REPOSITORY_CLASSES.map((repository) => ({
    provide: repository,
    useFactory: (store: ArtifactStore) => new repository(store),
    inject: [storeToken],
  }));
}
