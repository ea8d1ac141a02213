import { trainPack, type TrainPackOptions, type TrainTrialResult } from '@kernel-sweep/training';

/** Default of `WORKER_PACK_MAX_BYTES`: input bytes one pack chunk holds in memory. */
export const DEFAULT_PACK_MAX_BYTES = 2 ** 30;

/**
 * How a worker trains packs: the input bytes one chunk of a pack may hold (its distinct
 * frozen-feature entries or data set views, once each; the backend copies each batch). A class, so that it
 * is its own injection token.
 */
export class PackSettings {
  constructor(readonly maxBytes: number = DEFAULT_PACK_MAX_BYTES) {}
}

/**
 * Trains one chunk of a pack in one step (`trainPack` of libs/training). A class, so that it is
 * its own injection token: a test wraps it to make a chunk run out of memory.
 */
export class PackTrainer {
  train(opts: TrainPackOptions): Promise<TrainTrialResult[]> {
    return trainPack(opts);
  }
}
