import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { TrialResult } from '@kernel-sweep/domain';
import { TrialResultRepository } from '@kernel-sweep/storage';

/** `sweepId/trialId` of a trial whose result.json is wanted. */
export interface TrialRef {
  sweepId: string;
  trialId: string;
}

const MAX_BATCH = 32;
/** Results kept across requests (a few KiB each): a result is written once, last, and never changes. */
const MAX_KEPT = 20_000;

/**
 * Per-request DataLoaders of trial results: every `Trial.result` field of one request shares
 * one loader (kept on the request's context object), so a page of trials reads each result once,
 * in batches. Results found are also kept across requests (least recently used dropped past
 * `MAX_KEPT`): they never change once written. A missing result is asked for again next time.
 */
@Injectable()
export class TrialResultLoaders {
  private readonly perRequest = new WeakMap<object, DataLoader<TrialRef, TrialResult | null, string>>();

  private readonly kept = new Map<string, TrialResult>();

  constructor(private readonly results: TrialResultRepository) {}

  private async load(ref: TrialRef): Promise<TrialResult | null> {
    const key = `${ref.sweepId}/${ref.trialId}`;
    const hit = this.kept.get(key);
    if (hit) {
      this.kept.delete(key);
      this.kept.set(key, hit);
      return hit;
    }
    const result = await this.results.get(ref.sweepId, ref.trialId);
    if (!result) return null;
    this.kept.set(key, result);
    if (this.kept.size > MAX_KEPT) this.kept.delete(this.kept.keys().next().value as string);
    return result;
  }

  /** The loader of the request whose GraphQL context is `context`. */
  for(context: object): DataLoader<TrialRef, TrialResult | null, string> {
    let loader = this.perRequest.get(context);
    if (!loader) {
      loader = new DataLoader<TrialRef, TrialResult | null, string>(
        (refs) => Promise.all(refs.map((r) => this.load(r))),
        { cacheKeyFn: (r) => `${r.sweepId}/${r.trialId}`, maxBatchSize: MAX_BATCH },
      );
      this.perRequest.set(context, loader);
    }
    return loader;
  }
}
