import { ArtifactRepositories, type ArtifactStore } from '@kernel-sweep/storage';
import { BookkeepingActivities } from '../activities/bookkeeping.activities';
import { ReportingActivities } from '../activities/report.activities';
import { PackSettings, type PackTrainer } from '../activities/pack-settings';
import { TrainingActivities } from '../activities/training.activities';
import type { DatasetProvider } from '../datasets/dataset-provider';
import { FeatureCache } from '../features/feature-cache';
import type { ActivityHosts } from './bind-activities';

/**
 * The activity classes over one store, wired by hand where Nest's container is not at hand
 * (tests). `datasets` is used as given: build it with `versions` to load data sets imported into
 * S3. `features` defaults to a cache over the store's feature repository; `packTrainer` to
 * libs/training's `trainPack`.
 */
export function createActivityHosts(deps: {
  store: ArtifactStore;
  datasets: DatasetProvider;
  features?: FeatureCache;
  cacheDir?: string;
  packTrainer?: PackTrainer;
}): ActivityHosts {
  const repos = new ArtifactRepositories(deps.store);
  const features = deps.features ?? new FeatureCache({ entries: repos.features, datasets: deps.datasets, cacheDir: deps.cacheDir });
  return {
    training: new TrainingActivities(
      repos.results,
      repos.metrics,
      repos.checkpoints,
      deps.datasets,
      features,
      repos.trialIndex,
      undefined,
      new PackSettings(),
      deps.packTrainer,
    ),
    bookkeeping: new BookkeepingActivities(repos.sweeps, repos.results, deps.datasets),
    reporting: new ReportingActivities(repos.results, repos.reports, repos.sweeps, repos.checkpoints),
  };
}
