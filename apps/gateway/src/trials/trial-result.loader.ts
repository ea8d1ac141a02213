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

/**
 * Per-request DataLoaders of trial results: every `Trial.result` field of one request shares
 * one loader (kept on the request's context object), so a page of trials reads each result.json
 * once, in batches, and nothing is cached across requests.
 */
@Injectable()
export class TrialResultLoaders {
  private readonly perRequest = new WeakMap<object, DataLoader<TrialRef, TrialResult | null, string>>();

  constructor(private readonly results: TrialResultRepository) {}

  /** The loader of the request whose GraphQL context is `context`. */
  for(context: object): DataLoader<TrialRef, TrialResult | null, string> {
    let loader = this.perRequest.get(context);
    if (!loader) {
      loader = new DataLoader<TrialRef, TrialResult | null, string>(
        (refs) => Promise.all(refs.map(async (r) => (await this.results.get(r.sweepId, r.trialId)) ?? null)),
        { cacheKeyFn: (r) => `${r.sweepId}/${r.trialId}`, maxBatchSize: MAX_BATCH },
      );
      this.perRequest.set(context, loader);
    }
    return loader;
  }
}
