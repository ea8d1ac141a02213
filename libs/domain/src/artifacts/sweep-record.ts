import type { SweepSpec } from '../sweep-spec';

/** Contents of `sweeps/{id}/spec.json`: the submitted spec, its owner and the data set it was planned on. */
export interface SweepRecord {
  sweepId: string;
  owner: string;
  spec: SweepSpec;
  /** Checksum of the data set the grid was expanded with (part of every trial's identity). */
  datasetChecksum: string;
}
