import { Injectable } from '@nestjs/common';
import { sourceDatasetOf, type TrialSummary } from '@kernel-sweep/domain';
import { SweepRecordRepository, TrialResultRepository } from '@kernel-sweep/storage';
import type { LookupTrialInput, PrepareSweepInput, PrepareSweepOutput, SweepActivities } from '../contracts';
import { DatasetProvider } from '../datasets/dataset-provider';

/** The sweeps' light bookkeeping activities (the `sweeps` queue): quick S3 reads and writes. */
@Injectable()
export class BookkeepingActivities implements Pick<SweepActivities, 'prepareSweep' | 'lookupTrial'> {
  constructor(
    private readonly sweeps: SweepRecordRepository,
    private readonly results: TrialResultRepository,
    private readonly datasets: DatasetProvider,
  ) {}

  /**
   * Stores the sweep record (spec, owner) and resolves the data set's checksum, and the
   * `FINE_TUNE` source data set's when there is one: a missing source fails the sweep here, as a
   * missing target does, before any trial starts.
   */
  async prepareSweep(input: PrepareSweepInput): Promise<PrepareSweepOutput> {
    const datasetChecksum = await this.datasets.checksum(input.spec.dataset);
    const source = sourceDatasetOf(input.spec);
    const sourceChecksum = source === undefined ? undefined : await this.datasets.checksum({ name: source });
    await this.sweeps.put({ sweepId: input.sweepId, owner: input.owner, spec: input.spec, datasetChecksum });
    return { datasetChecksum, ...(sourceChecksum === undefined ? {} : { sourceChecksum }) };
  }

  /**
   * The stored outcome of a trial whose workflow already exists: its result if written, else
   * FAILED with the reason (the trial is not run a second time).
   */
  async lookupTrial(input: LookupTrialInput): Promise<TrialSummary> {
    const result = await this.results.get(input.sweepId, input.trialId);
    if (!result) return { trialId: input.trialId, status: 'FAILED', error: 'trial workflow already existed and left no result' };
    return {
      trialId: input.trialId,
      status: result.status,
      ...(result.testAccuracy !== null ? { testAccuracy: result.testAccuracy } : {}),
    };
  }
}
