import * as tf from '@tensorflow/tfjs';
import type { ExampleSet } from './data/types';
import { makeBatch } from './fit-epoch';

/**
 * Mean categorical cross-entropy and accuracy of `model` on `set`, in chunks of `chunk`
 * images so that memory stays bounded. Returns NaNs for an empty set.
 */
export function evaluateModel(
  model: tf.LayersModel,
  set: ExampleSet,
  numClasses: number,
  chunk = 1000,
): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  for (let start = 0; start < set.count; start += chunk) {
    const idx = Int32Array.from({ length: Math.min(chunk, set.count - start) }, (_, i) => start + i);
    const [l, c] = tf.tidy(() => {
      const { x, y } = makeBatch(set, idx, numClasses);
      const p = model.predict(x) as tf.Tensor2D;
      return [
        tf.sum(tf.metrics.categoricalCrossentropy(y, p)).dataSync()[0],
        tf.sum(tf.metrics.categoricalAccuracy(y, p)).dataSync()[0],
      ];
    });
    loss += l;
    correct += c;
  }
  return { loss: loss / set.count, accuracy: correct / set.count };
}
