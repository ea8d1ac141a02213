import * as tf from '@tensorflow/tfjs';

/** The bank as a `[size, size, 1, filters]` tensor (caller disposes). */
export function kernelBankTensor(bank: Float32Array, size: number, filters: number): tf.Tensor4D {
  if (bank.length !== size * size * filters)
    throw new RangeError(`bank has ${bank.length} values, expected ${size * size * filters}`);
  return tf.tensor4d(bank, [size, size, 1, filters]);
}
