import * as tf from '@tensorflow/tfjs';

function isTensor(info: tf.TensorInfo): info is tf.Tensor {
  return info instanceof tf.Tensor;
}

/** A kernel input as a Tensor (the engine passes Tensors; a bare TensorInfo is wrapped). */
export function asTensor(info: tf.TensorInfo): tf.Tensor {
  if (isTensor(info)) return info;
  const made: tf.Tensor = tf.engine().makeTensorFromDataId(info.dataId, info.shape, info.dtype);
  return made;
}
