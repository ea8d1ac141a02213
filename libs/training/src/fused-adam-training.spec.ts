import * as tf from '@tensorflow/tfjs';
import { FusedAdamOptimizer, initBackend } from '@kernel-sweep/tfjs-engine';
import { buildModel } from './model';
import { saveCheckpoint } from './checkpoint';
import { aTrialConfig } from '../../domain/src/test-builders';

// Small (the cpu backend's conv gradients are slow); every layer kind of the reference CNN.
const config = aTrialConfig({
  kernel: { family: 'learned' },
  freeze: 'TRAIN_ALL',
  model: { conv1Filters: 2, conv2Filters: 4, kernelSize: 5 },
});
// Seeds start at 1: tfjs treats a seed of 0 as no seed.
const xs = (seed: number) => tf.randomNormal([4, 28, 28, 1], 0, 1, 'float32', seed + 1);
const ys = (seed: number) => tf.oneHot(tf.randomUniform([4], 0, 10, 'int32', seed), 10);

/** Trains a fresh reference CNN with `optimizer` for `steps` batches; returns its weights. */
async function train(optimizer: tf.Optimizer, steps: number, from?: tf.Tensor[]): Promise<tf.LayersModel> {
  const model = buildModel(config);
  if (from) model.setWeights(from);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  for (let i = 0; i < steps; i++) {
    const [x, y] = [xs(i), ys(100 + i)];
    await model.trainOnBatch(x, y);
    tf.dispose([x, y]);
  }
  return model;
}

/** The values of an optimizer's weights (`iter` and the moments), in order. */
const slotValues = (weights: Array<{ tensor: tf.Tensor }>) =>
  weights.map((w) => Array.from(w.tensor.dataSync()));

const values = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe.each(['cpu', 'wasm'] as const)('FusedAdamOptimizer on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('trains to exactly the weights tf.train.adam gives', async () => {
    const reference = await train(tf.train.adam(1e-3), 12);
    const fused = await train(new FusedAdamOptimizer(1e-3), 12);
    expect(values(fused)).toEqual(values(reference));
    // Moments line up name for name (layer numbering aside) and value for value.
    const [ref, ours] = [await reference.optimizer.getWeights(), await fused.optimizer.getWeights()];
    const strip = (n: string) => n.replace(/_\d+(?=\/)/g, '');
    expect(ours.map((w) => strip(w.name))).toEqual(ref.map((w) => strip(w.name)));
    expect(slotValues(ours)).toEqual(slotValues(ref));
    tf.dispose([ref[0].tensor, ours[0].tensor]);
    reference.optimizer.dispose();
    fused.optimizer.dispose();
  });

  it('hands its state to tfjs Adam and back (checkpoints are interchangeable)', async () => {
    const first = await train(new FusedAdamOptimizer(1e-3), 5);
    const state = await first.optimizer.getWeights();
    const start = first.getWeights().map((w) => w.clone());

    const continueWith = async (optimizer: tf.Optimizer) => {
      // The next model's variables have other names: slots are positional, in tfjs Adam as here.
      const model = buildModel(config);
      model.setWeights(start);
      model.compile({ optimizer, loss: 'categoricalCrossentropy' });
      await optimizer.setWeights(state);
      for (let i = 5; i < 9; i++) {
        const [x, y] = [xs(i), ys(100 + i)];
        await model.trainOnBatch(x, y);
        tf.dispose([x, y]);
      }
      return model;
    };
    const viaTfjs = await continueWith(tf.train.adam(1e-3));
    const viaFused = await continueWith(new FusedAdamOptimizer(1e-3));
    const uninterrupted = await train(new FusedAdamOptimizer(1e-3), 9);
    // Restored from the same state the fused optimizer replays the β powers as the unbroken run
    // multiplied them; tfjs Adam takes them as a power: the same weights up to float rounding.
    expect(values(viaFused)).toEqual(values(uninterrupted));
    const [viaAdam, resumed] = [values(viaTfjs).flat(), values(viaFused).flat()];
    expect(Math.max(...viaAdam.map((v, i) => Math.abs(v - resumed[i])))).toBeLessThan(1e-6);
    tf.dispose([state[0].tensor, ...start]);
  });

  it('serialises as Adam, and loadLayersModel rebuilds it with its state from a checkpoint', async () => {
    const model = await train(new FusedAdamOptimizer(0.01, 0.8, 0.99, 1e-6), 3);
    expect(model.optimizer.getClassName()).toBe('Adam');
    let artifacts: tf.io.ModelArtifacts | undefined;
    await saveCheckpoint(
      model,
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    expect(loaded.optimizer).toBeInstanceOf(FusedAdamOptimizer);
    expect(loaded.optimizer.getConfig()).toEqual({
      learningRate: 0.01,
      beta1: 0.8,
      beta2: 0.99,
      epsilon: 1e-6,
    });
    expect(loaded.optimizer.iterations).toBe(3);
    const [saved, restored] = [await model.optimizer.getWeights(), await loaded.optimizer.getWeights()];
    expect(slotValues(restored)).toEqual(slotValues(saved));
    tf.dispose([saved[0].tensor, restored[0].tensor]);
    model.optimizer.dispose();
    loaded.optimizer.dispose();
  });

  it('survives a caller freeing the non-variable tensors of getWeights (as saveCheckpoint does), and restores its own snapshot', async () => {
    const a = tf.variable(tf.tensor1d([1, 2, 3]), true, 'fusedAdamSpec/c');
    const b = tf.variable(tf.tensor1d([4, 5]), true, 'fusedAdamSpec/d');
    const opt = new FusedAdamOptimizer(0.1);
    const step = (grads: tf.NamedTensorMap) => {
      opt.applyGradients(grads);
      tf.dispose(Object.values(grads));
    };
    const checkpointLike = async () => {
      const w = await opt.getWeights();
      tf.dispose(w.filter((x) => !(x.tensor instanceof tf.Variable)).map((x) => x.tensor));
    };
    step({ [a.name]: tf.ones([3]), [b.name]: tf.ones([2]) });
    step({ [a.name]: tf.ones([3]) }); // b's moments are now held apart from the packed ones
    await checkpointLike();
    step({ [a.name]: tf.ones([3]), [b.name]: tf.ones([2]) });
    await opt.setWeights(await opt.getWeights()); // a snapshot of itself
    await checkpointLike();
    step({ [a.name]: tf.ones([3]), [b.name]: tf.ones([2]) });
    expect(Array.from(a.dataSync()).every(Number.isFinite)).toBe(true);
    opt.dispose();
    expect(() => opt.applyGradients({ [a.name]: tf.ones([3]) })).toThrow('disposed');
    tf.dispose([a, b]);
  });

  it('leaves a variable without a gradient (and its moments) alone, and leaks no tensors', async () => {
    const a = tf.variable(tf.tensor1d([1, 2, 3]), true, 'fusedAdamSpec/a');
    const b = tf.variable(tf.tensor2d([[4, 5]]), true, 'fusedAdamSpec/b');
    const opt = new FusedAdamOptimizer(0.1);
    const step = (grads: tf.NamedTensorMap) => {
      opt.applyGradients(grads);
      tf.dispose(Object.values(grads));
    };
    step({ [a.name]: tf.ones([3]), [b.name]: tf.ones([1, 2]) });
    const bAfterOne = Array.from(b.dataSync());
    step({ [a.name]: tf.ones([3]) }); // b has no gradient this step
    expect(Array.from(b.dataSync())).toEqual(bAfterOne);
    step({ [a.name]: tf.ones([3]), [b.name]: tf.ones([1, 2]) });
    const state = await opt.getWeights();
    expect(state.map((s) => s.name)).toEqual([
      'iter',
      `${a.name}/m`,
      `${b.name}/m`,
      `${a.name}/v`,
      `${b.name}/v`,
    ]);
    // b's first moment saw two gradients of 1 (steps 1 and 3): 0.1·0.9 + 0.1 = 0.19.
    expect(Array.from(state[2].tensor.dataSync()).map((v) => v.toFixed(5))).toEqual(['0.19000', '0.19000']);
    state[0].tensor.dispose();
    const settled = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step({ [a.name]: tf.ones([3]), [b.name]: tf.ones([1, 2]) });
    (await opt.getWeights())[0].tensor.dispose();
    expect(tf.memory().numTensors).toBe(settled);
    opt.dispose();
    tf.dispose([a, b]);
  });
});
