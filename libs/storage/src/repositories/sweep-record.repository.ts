import type { SweepRecord } from '@kernel-sweep/domain';
import { sweepSpec } from '../keys';
import type { ArtifactStore } from '../store';

/** `sweeps/{id}/spec.json`: the sweep record, written once when the sweep is prepared. */
export class SweepRecordRepository {
  constructor(private readonly store: ArtifactStore) {}

  /** Key of the record of `sweepId`. */
  key(sweepId: string): string {
    return sweepSpec(sweepId);
  }

  /** Stores the record (idempotent: the same record twice is the same object). */
  put(record: SweepRecord): Promise<void> {
    return this.store.putJson(this.key(record.sweepId), record);
  }

  /** The record, or undefined while the sweep is not prepared yet. */
  get(sweepId: string): Promise<SweepRecord | undefined> {
    return this.store.getJson<SweepRecord>(this.key(sweepId));
  }
}
