/**
 * Native TensorFlow backend (tfjs-node built by scripts/install-native-tf.sh) against wasm.
 * Nothing here is skipped: CI installs the binding first, so a binding that does not load fails
 * the suite with the install hint. tfjs backends are per process, so each backend trains in its own
 * `node` child running the compiled library (dist/, from `npm run build`).
 */
import { join } from 'path';
import { FREEZE_STRATEGIES, KERNEL_FAMILIES, type TrialConfig } from '@kernel-sweep/domain';
import { aTrialConfig } from '../../libs/domain/src/test-builders';
import { ENGINE_DIST, runTrainingChild } from '../support/native-child';


/** One trial for a child: which config, on which synthetic data set. */
interface Job {
  id: string;
  config: TrialConfig;
  data: { trainCount: number; testCount: number; seed: number };
}

/** What a child reports per job. */
interface Outcome {
  id: string;
  status: string;
  backend: string;
  testAccuracy: number | null;
  trainLoss: number;
}

/** What the replaced kernels of tfjs-engine's ops/native-ops.ts gave next to the shipped ones (see CHILD). */
interface KernelProbe {
  overridden: Record<string, string>;
  reluGradient: { routed: boolean; values: number[]; expected: number[] };
  biasAddEqualsAdd: boolean;
  castSameDtype: { values: number[]; sourceAfterDispose: number[] };
  reshape: { sameShape: number[]; sourceAfterDispose: number[]; manyShapesOk: boolean; tensorsLeft: number };
}

interface ChildReport {
  probe: {
    stepKernel: string;
    step: Array<number | 'NaN'>;
    leakyStep: Array<number | 'NaN'>;
    intraOpThreads: string | null;
  };
  kernels: KernelProbe;
  backend: string;
  native?: { package: string; gpu: boolean; tensorflowVersion?: string; dir: string };
  coreInstances: string[];
  outcomes: Outcome[];
}

/** Runs in the child: init the backend, train every job, print one JSON report. */
const CHILD = `
const [trainingDist, engineDist, backend, jobsJson] = process.argv.slice(1);
function probeKernels(tf, name) {
  const same = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  const overridden = Object.fromEntries(['Add', 'Cast', 'Reshape', 'Step'].map((k) => [k, tf.getKernel(k, name)?.overriddenBy ?? 'shipped']));
  // ReLU gradient: dy where x > 0, else 0 (±0 and negatives included).
  const x = tf.tensor1d([-2, -0, 0, 1e-30, 3, -1e-30, 7]);
  const dy = tf.tensor1d([1, 2, 3, 4, 5, 6, -7]);
  const values = Array.from(tf.grad((v) => tf.sum(tf.mul(tf.relu(v), dy)))(x).dataSync());
  const reluGradient = { routed: tf.getGradient('Relu').reluGradKernel === true, values, expected: [0, 0, 0, 4, 5, 0, -7] };
  // Bias add (BiasAdd) against the broadcasting Add (a rank-4 bias is not the bias case).
  const a = tf.randomNormal([3, 5, 5, 4], 0, 1, 'float32', 1), bias = tf.randomNormal([4], 0, 1, 'float32', 2);
  const biasAddEqualsAdd = same(Array.from(tf.add(a, bias).dataSync()), Array.from(tf.add(a, tf.reshape(bias, [1, 1, 1, 4])).dataSync()));
  // Cast to its own dtype and reshape to its own shape share the tensor: freeing one keeps the other.
  const c0 = tf.tensor1d([1.5, -2, 3]);
  const c1 = tf.cast(c0, 'float32');
  const castValues = Array.from(c1.dataSync());
  c1.dispose();
  const castSameDtype = { values: castValues, sourceAfterDispose: Array.from(c0.dataSync()) };
  const before = tf.memory().numTensors;
  const r0 = tf.tensor2d([[1, 2], [3, 4]]);
  const r1 = tf.reshape(r0, [2, 2]);
  const sameShape = Array.from(r1.dataSync());
  r1.dispose();
  const sourceAfterDispose = Array.from(r0.dataSync());
  // More distinct target shapes (600) than the kept-shape cache holds (512, then refilled): every one still right.
  let manyShapesOk = true;
  for (let n = 1; n <= 600; n++) {
    manyShapesOk = manyShapesOk && tf.tidy(() => {
      const r = tf.reshape(tf.range(0, 2 * n), [n, 2]);
      const v = r.dataSync();
      return same(r.shape, [n, 2]) && v[2 * n - 1] === 2 * n - 1 && v[1] === 1;
    });
  }
  tf.dispose(r0);
  const reshape = { sameShape, sourceAfterDispose, manyShapesOk, tensorsLeft: tf.memory().numTensors - before };
  tf.dispose([x, dy, a, bias, c0]);
  return { overridden, reluGradient, biasAddEqualsAdd, castSameDtype, reshape };
}
const STEP_INPUT = [NaN, -1, 0, -0, 2, 1e-30, -1e-30, 3.5];
const training = require(trainingDist + '/index.js');
const engine = require(engineDist + '/index.js');
const native = require(engineDist + '/native-binding.js');
(async () => {
  const name = await engine.initBackend(backend);
  const outcomes = [];
  for (const job of JSON.parse(jobsJson)) {
    const data = training.makeSyntheticDataset(job.data);
    // FINE_TUNE pretrains on its source task: the target's source classes, as the activity hands it.
    const pretrainSource = job.config.freeze === 'FINE_TUNE'
      ? training.selectClasses(data.train, job.config.fineTune?.sourceClasses ?? [0, 1, 2, 3, 4])
      : undefined;
    const r = await training.trainTrial({ config: job.config, data, pretrainSource });
    outcomes.push({ id: job.id, status: r.status, backend: r.backend, testAccuracy: r.testAccuracy,
      trainLoss: r.epochs[r.epochs.length - 1]?.trainLoss ?? NaN });
  }
  const marker = '/@tensorflow/tfjs-core/';
  const cores = [...new Set(Object.keys(require.cache).filter((f) => f.includes(marker)).map((f) => f.split(marker)[0]))];
  const b = native.nativeBinding();
  const tf = require('@tensorflow/tfjs');
  const show = (t) => Array.from(t.dataSync(), (v) => (Number.isNaN(v) ? 'NaN' : v));
  const probe = tf.tidy(() => ({
    stepKernel: tf.getKernel('Step', name)?.overriddenBy ?? 'shipped',
    step: show(tf.step(tf.tensor1d(STEP_INPUT))),
    leakyStep: show(tf.step(tf.tensor1d(STEP_INPUT), 0.25)),
    intraOpThreads: process.env.TF_NUM_INTRAOP_THREADS ?? null,
  }));
  const kernels = probeKernels(tf, name);
  process.stdout.write(JSON.stringify({ backend: name, native: b, coreInstances: cores, outcomes, probe, kernels }) + '\\n');
})().catch((err) => { process.stderr.write(String(err && err.stack || err) + '\\n'); process.exit(1); });
`;

function runChild(backend: 'tensorflow' | 'wasm', jobs: Job[]): Promise<ChildReport> {
  return runTrainingChild<ChildReport>(CHILD, backend, [JSON.stringify(jobs)], [join(ENGINE_DIST, 'native-binding.js')]);
}

/** The one-conv-layer net: conv1 → ReLU → maxpool 2 → dense 10. */
const ONE_LAYER: TrialConfig['model'] = { ...aTrialConfig().model, convLayers: 1 };
/** Same seed, same data, same model: the accuracy each backend reaches must agree. */
const PARITY_DATA = { trainCount: 600, testCount: 200, seed: 11 };
const PARITY: Job[] = [
  { id: 'parity gaussian/TRAIN_ALL', config: aTrialConfig({ epochs: 3 }), data: PARITY_DATA },
  {
    id: 'parity learned/TRAIN_ALL',
    config: aTrialConfig({ kernel: { family: 'learned' }, epochs: 3 }),
    data: PARITY_DATA,
  },
  {
    id: 'parity sobel/FROZEN',
    config: aTrialConfig({ kernel: { family: 'sobel' }, freeze: 'FROZEN', epochs: 4 }),
    data: PARITY_DATA,
  },
  {
    id: 'parity one-layer learned/TRAIN_ALL',
    config: aTrialConfig({ kernel: { family: 'learned' }, model: { ...ONE_LAYER, init: 'torch' }, epochs: 3 }),
    data: PARITY_DATA,
  },
  {
    id: 'parity one-layer gabor/FROZEN',
    config: aTrialConfig({ kernel: { family: 'gabor' }, model: ONE_LAYER, freeze: 'FROZEN', epochs: 4 }),
    data: PARITY_DATA,
  },
];
/** Accuracy points two backends may differ by (float reduction order differs; oneDNN on native). */
const ACCURACY_TOLERANCE = 0.06;

/**
 * Op coverage: every kernel family with every freeze strategy it is run with (the grid rules:
 * `learned` is never frozen; `none` and `NO_CONV` only go together), one short epoch each.
 */
const COVERAGE_DATA = { trainCount: 64, testCount: 20, seed: 3 };
const COVERAGE: Job[] = KERNEL_FAMILIES.flatMap((family) =>
  FREEZE_STRATEGIES.filter((freeze) => {
    if (family === 'none' || freeze === 'NO_CONV') return family === 'none' && freeze === 'NO_CONV';
    return !(family === 'learned' && (freeze === 'FROZEN' || freeze === 'FROZEN_FIRST'));
  }).map((freeze) => ({
    id: `ops ${family}/${freeze}`,
    config: aTrialConfig({
      epochs: 1,
      kernel: { family },
      freeze,
      seed: 2,
      // Op coverage only: the pretraining's source need not be disjoint from the target here.
      ...(freeze === 'FINE_TUNE' ? { fineTune: { sourceClasses: [0, 1, 2, 3, 4], pretrainEpochs: 1 } } : {}),
    }),
    data: COVERAGE_DATA,
  })),
);

describe('native TensorFlow backend (tfjs-node on the PyPI TensorFlow wheel)', () => {
  let native: ChildReport;
  let wasm: ChildReport;

  beforeAll(async () => {
    // Sequential: two cores, and each child wants both.
    native = await runChild('tensorflow', [...PARITY, ...COVERAGE]);
    wasm = await runChild('wasm', PARITY);
  });

  it('loads as backend `tensorflow`, registered in the one tfjs-core the library uses', () => {
    expect(native.backend).toBe('tensorflow');
    expect(native.native).toEqual(
      expect.objectContaining({ package: expect.stringMatching(/^@tensorflow\/tfjs-node(-gpu)?$/) }),
    );
    expect(native.native?.tensorflowVersion).toMatch(/^2\.\d+\.\d+/);
    expect(native.coreInstances).toHaveLength(1);
    expect(native.outcomes.every((o) => o.backend === 'tensorflow')).toBe(true);
    expect(wasm.backend).toBe('wasm');
  });

  it.each(PARITY.map((j) => j.id))('%s reaches the same accuracy on native and wasm', (id) => {
    const n = native.outcomes.find((o) => o.id === id)!;
    const w = wasm.outcomes.find((o) => o.id === id)!;
    expect([n.status, w.status]).toEqual(['COMPLETED', 'COMPLETED']);
    expect(n.testAccuracy).toBeGreaterThan(0.5);
    expect(Math.abs(n.testAccuracy! - w.testAccuracy!)).toBeLessThanOrEqual(ACCURACY_TOLERANCE);
    expect(Math.abs(n.trainLoss - w.trainLoss)).toBeLessThanOrEqual(0.1 * Math.max(w.trainLoss, 0.1));
  });

  it("replaces tfjs-node's seven-op Step with Sign(Relu(x)), same values, and trains on one intra-op thread", () => {
    expect(native.probe.stepKernel).toBe('stepFromTensorFlowOps');
    // STEP_INPUT = [NaN, -1, 0, -0, 2, 1e-30, -1e-30, 3.5]: the cpu reference semantics.
    expect(native.probe.step).toEqual(['NaN', 0, 0, 0, 1, 1, 0, 1]);
    expect(wasm.probe.step).toEqual(native.probe.step);
    // α ≠ 0 goes to the shipped kernel.
    expect(native.probe.leakyStep).toEqual(['NaN', 0.25, 0.25, 0.25, 1, 1, 0.25, 1]);
    expect(native.probe.intraOpThreads).toBe('1');
  });

  it('replaces hot kernels with leaner ones that give the same values', () => {
    const k = native.kernels;
    expect(k.overridden).toEqual({
      Add: 'biasAddFromTensorFlowOps',
      Cast: 'castSkippingNoOps',
      Reshape: 'reshapeWithKeptShapes',
      Step: 'stepFromTensorFlowOps',
    });
    expect(k.reluGradient.routed).toBe(true);
    expect(k.reluGradient.values).toEqual(k.reluGradient.expected);
    expect(wasm.kernels.reluGradient.values).toEqual(k.reluGradient.expected);
    expect(k.biasAddEqualsAdd).toBe(true);
    expect(k.castSameDtype).toEqual({ values: [1.5, -2, 3], sourceAfterDispose: [1.5, -2, 3] });
    expect(k.reshape).toEqual({
      sameShape: [1, 2, 3, 4],
      sourceAfterDispose: [1, 2, 3, 4],
      manyShapesOk: true,
      tensorsLeft: 0,
    });
    // wasm keeps its own kernels.
    expect(wasm.kernels.overridden).toEqual({
      Add: 'shipped',
      Cast: 'shipped',
      Reshape: 'shipped',
      Step: 'shipped',
    });
  });

  it('trains every kernel family under every freeze strategy it is run with', () => {
    expect(COVERAGE.length).toBeGreaterThanOrEqual(KERNEL_FAMILIES.length + FREEZE_STRATEGIES.length - 2);
    const done = native.outcomes.filter((o) => COVERAGE.some((j) => j.id === o.id));
    expect(done.map((o) => o.id)).toEqual(COVERAGE.map((j) => j.id));
    for (const o of done) {
      expect({ id: o.id, status: o.status }).toEqual({ id: o.id, status: 'COMPLETED' });
      expect({ id: o.id, finite: Number.isFinite(o.trainLoss) }).toEqual({ id: o.id, finite: true });
    }
  });
});
