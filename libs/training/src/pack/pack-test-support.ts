import * as tf from '@tensorflow/tfjs';
import type { CheckpointPayload, EpochMetrics, TrialConfig } from '@kernel-sweep/domain';
import { checkpointLoadHandler, checkpointSaveHandler } from '../checkpoint-artifacts';
import type { PackMember } from './pack-trainer';

/** Test support of the pack specs: members that record what they write, and ways to compare them. */

/** A member's hooks that record its checkpoints (by epoch) and metrics, with `extra` (its examples) spread in. */
export function recordingMember<E extends object>(config: TrialConfig, extra: E, resume?: PackMember['resume']) {
  const checkpoints = new Map<number, CheckpointPayload>();
  const metrics: EpochMetrics[] = [];
  const member = {
    config,
    ...extra,
    resume,
    checkpoint: (epoch: number) => checkpointSaveHandler(async (p) => void checkpoints.set(epoch, p)),
    onEpochEnd: (e: EpochMetrics) => void metrics.push(e),
  };
  return { member, checkpoints, metrics };
}

/** A resume from a recorded checkpoint. */
export const resumeFrom = (payload: CheckpointPayload, epoch: number, previousEpochs?: EpochMetrics[]): PackMember['resume'] => ({
  epoch,
  load: checkpointLoadHandler(payload),
  previousEpochs,
});

/** A checkpoint's model weights and its optimizer's saved values. */
export async function weightsOf(payload: CheckpointPayload): Promise<{ model: number[][]; optimizer: number[][] }> {
  const model = await tf.loadLayersModel(checkpointLoadHandler(payload));
  const saved = await model.optimizer.getWeights();
  const values = {
    model: model.getWeights().map((w) => Array.from(w.dataSync())),
    optimizer: saved.map((w) => Array.from(w.tensor.dataSync())),
  };
  tf.dispose(saved.map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)));
  model.optimizer.dispose();
  model.dispose();
  return values;
}

/** ‖a − b‖ / ‖b‖ over every value of two lists of arrays. */
export function relativeDistance(a: number[][], b: number[][]): number {
  let diff = 0;
  let norm = 0;
  a.forEach((row, i) =>
    row.forEach((v, j) => {
      diff += (v - b[i][j]) ** 2;
      norm += b[i][j] ** 2;
    }),
  );
  return Math.sqrt(diff / norm);
}

/** Epoch metrics without the timings. */
export const curve = (epochs: EpochMetrics[]) => epochs.map(({ seconds: _s, imagesPerSecond: _ips, ...m }) => m);
