import type { TrialResult } from '@kernel-sweep/domain';
import { firstLayerKernels } from '@kernel-sweep/kernel-banks';
import type { CheckpointRepository, SweepRecordRepository } from '@kernel-sweep/storage';
import type { ReportInputs } from './build-report';
import { trainedFirstLayerTrials, type FamilyFilters } from './html/first-layer-filters';

/** The stores a report's inputs are read from. */
export interface ReportSources {
  sweeps: Pick<SweepRecordRepository, 'get'>;
  checkpoints: Pick<CheckpointRepository, 'latestComplete'>;
}

/**
 * Reads what `buildReport` shows besides the results: the sweep's name from its stored spec, and
 * per kernel family the first layer of one TRAIN_ALL trial from its latest checkpoint (a family
 * whose checkpoint holds no first layer is left out). Every writer of a report calls this, so the
 * same sweep always renders the same page.
 */
export async function readReportInputs(sources: ReportSources, sweepId: string, results: readonly TrialResult[]): Promise<ReportInputs> {
  const [record, learned] = await Promise.all([
    sources.sweeps.get(sweepId),
    Promise.all(
      trainedFirstLayerTrials(results).map(async (r): Promise<FamilyFilters | undefined> => {
        const checkpoint = await sources.checkpoints.latestComplete(sweepId, r.trialId);
        const kernels = checkpoint && firstLayerKernels(r.config, checkpoint);
        return kernels?.source === 'checkpoint' ? { kernelFamily: r.config.kernel.family, trialId: r.trialId, kernels } : undefined;
      }),
    ),
  ]);
  return { name: record?.spec.name ?? null, learnedFilters: learned.filter((f) => f !== undefined) };
}
