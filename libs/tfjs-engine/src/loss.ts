import * as tf from '@tensorflow/tfjs';

/**
 * Keras's categorical cross-entropy on probabilities (tfjs-layers `categoricalCrossentropy`, the
 * loss every model here trains with), per example, with a short gradient.
 *
 * Forward: the same ops as tfjs-layers in the same order (renormalise, clip to [ε, 1 − ε], log,
 * sum, negate), so the loss values are identical. Backward: tfjs differentiates that chain
 * op by op, ~35 kernels for a batch; here the gradient with respect to the probabilities is
 * −t / max(p, ε) · dy, three kernels. Through the softmax that produced p this is the familiar
 * (p − t) · dy per example. It leaves out the derivative of the renormalisation, which adds the
 * same constant to every class of an example, and the softmax gradient cancels a per-example
 * constant; for p inside the clip range the two agree to rounding (the spec checks this), and
 * p below ε gives a finite gradient as tfjs's does. The one difference: tfjs's clip zeroes the
 * gradient of a class whose probability exceeds 1 − ε, where this one keeps its true, tiny value.
 */
export function categoricalCrossentropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const eps = tf.backend().epsilon();
  const t = yTrue.dtype === 'float32' ? yTrue : tf.cast(yTrue, 'float32');
  // The targets are data, not an input to differentiate: only the probabilities get a gradient.
  const loss = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [p, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([p, t]);
    const value = tf.tidy(() => {
      const q = tf.clipByValue(tf.div(p, tf.sum(p, -1, true)), eps, 1 - eps);
      return tf.neg(tf.sum(tf.mul(t, tf.log(q)), -1));
    });
    return {
      value,
      gradFunc: (dy: tf.Tensor, [pSaved, tSaved]: tf.Tensor[]) =>
        tf.mul(tf.div(tSaved, tf.maximum(pSaved, eps)), tf.neg(tf.expandDims(dy, -1))),
    };
  });
  return loss(yPred);
}

/** Compiles `model` for training here: {@link categoricalCrossentropy} and accuracy. */
export function compileForTraining(model: tf.LayersModel, optimizer: tf.Optimizer): void {
  model.compile({ optimizer, loss: categoricalCrossentropy, metrics: ['accuracy'] });
}
