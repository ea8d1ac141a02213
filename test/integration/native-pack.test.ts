/**
 * Packs on native TensorFlow (the binding of scripts/install-native-tf.sh): trials trained
 * together against each trained alone, for every strategy, and a pack resumed from its members'
 * checkpoints against the uninterrupted pack. tfjs backends are per process, so the training
 * runs in a `node` child on the compiled library (dist/, from `npm run build`).
 */
import type { TrialConfig } from '@kernel-sweep/domain';
import { aTrialConfig } from '../../libs/domain/src/test-builders';
import { runTrainingChild } from '../support/native-child';

/** Per member: how far its weights after each epoch are from its lone twin's, and the accuracies. */
interface MemberReport {
  id: string;
  status: string;
  aloneStatus: string;
  distance: number[];
  accuracyGap: number;
  resumedSame: boolean;
}

const CHILD = `
const [trainingDist, engineDist, backend, jobsJson] = process.argv.slice(1);
const training = require(trainingDist + '/index.js');
const engine = require(engineDist + '/index.js');
const tf = require('@tensorflow/tfjs');
const datas = [1, 2].map((seed) => training.makeSyntheticDataset({ trainCount: 256, testCount: 64, seed }));
function recorder() {
  const saved = new Map();
  return { saved, checkpoint: (epoch) => training.checkpointSaveHandler(async (p) => { saved.set(epoch, p); }) };
}
async function flat(payload) {
  const model = await tf.loadLayersModel(training.checkpointLoadHandler(payload));
  const values = model.getWeights().map((w) => Array.from(w.dataSync()));
  model.optimizer && model.optimizer.dispose();
  model.dispose();
  return values.flat();
}
const distance = (a, b) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / b.reduce((s, v) => s + v * v, 0));
(async () => {
  const name = await engine.initBackend(backend);
  const reports = [];
  for (const group of JSON.parse(jobsJson)) {
    const inputsOf = async (job) => {
      const data = datas[job.data];
      return job.cached ? { features: await training.computeFeatures(job.config, data) } : { data };
    };
    const inputs = await Promise.all(group.map(inputsOf));
    const packed = group.map(() => recorder());
    const members = group.map((job, k) => ({ config: job.config, inputs: inputs[k].features || inputs[k].data, checkpoint: packed[k].checkpoint }));
    const network = group[0].cached ? training.headNetwork(inputs[0].features.train.dim) : training.cnnNetwork();
    const results = await training.trainPack({ members, network });
    // The same pack resumed after epoch 1 from its members' checkpoints.
    const resumedRec = group.map(() => recorder());
    await training.trainPack({ network, members: group.map((job, k) => ({
      ...members[k], checkpoint: resumedRec[k].checkpoint,
      resume: { epoch: 1, load: training.checkpointLoadHandler(packed[k].saved.get(1)), previousEpochs: results[k].epochs.slice(0, 1) },
    })) });
    for (const [k, job] of group.entries()) {
      const solo = recorder();
      const alone = await training.trainTrial({ config: job.config, ...inputs[k], checkpoint: solo.checkpoint });
      const dist = [];
      for (const e of [...packed[k].saved.keys()]) dist.push(distance(await flat(packed[k].saved.get(e)), await flat(solo.saved.get(e))));
      const last = Math.max(...packed[k].saved.keys());
      reports.push({
        id: job.id, status: results[k].status, aloneStatus: alone.status, distance: dist,
        accuracyGap: Math.abs((results[k].testAccuracy ?? 0) - (alone.testAccuracy ?? 0)),
        resumedSame: Buffer.from(resumedRec[k].saved.get(last).weights).equals(Buffer.from(packed[k].saved.get(last).weights)),
      });
    }
  }
  process.stdout.write(JSON.stringify({ backend: name, reports }) + '\\n');
})().catch((err) => { process.stderr.write(String(err && err.stack || err) + '\\n'); process.exit(1); });
`;

const trial = (overrides: Partial<TrialConfig>) =>
  aTrialConfig({ epochs: 3, learningRate: 0.005, training: { batchSize: 32, optimizer: 'adam' }, ...overrides });
const net = (convLayers: 1 | 2) => ({ conv1Filters: 4, conv2Filters: 8, kernelSize: 5 as const, convLayers });

/** Packs by kind: a CNN pack per depth mixing strategies and kernels, and a head pack. */
const GROUPS = [
  [
    { id: 'learned/TRAIN_ALL/2', config: trial({ model: net(2), kernel: { family: 'learned' }, freeze: 'TRAIN_ALL', seed: 1 }), data: 0 },
    { id: 'sobel/FROZEN_FIRST/2', config: trial({ model: net(2), kernel: { family: 'sobel' }, freeze: 'FROZEN_FIRST', seed: 2 }), data: 0 },
    { id: 'gabor/TRAIN_ALL/2', config: trial({ model: net(2), kernel: { family: 'gabor' }, freeze: 'TRAIN_ALL', seed: 3, learningRate: 0.002 }), data: 1 },
  ],
  [
    { id: 'learned/TRAIN_ALL/1', config: trial({ model: net(1), kernel: { family: 'learned' }, freeze: 'TRAIN_ALL', seed: 1 }), data: 0 },
    { id: 'dct/TRAIN_ALL/1', config: trial({ model: net(1), kernel: { family: 'dct' }, freeze: 'TRAIN_ALL', seed: 2 }), data: 1 },
  ],
  [
    { id: 'gaussian/FROZEN (cached)', config: trial({ kernel: { family: 'gaussian' }, freeze: 'FROZEN', seed: 1 }), data: 0, cached: true },
    { id: 'sobel/FROZEN (cached)', config: trial({ kernel: { family: 'sobel' }, freeze: 'FROZEN', seed: 2, learningRate: 0.01 }), data: 1, cached: true },
  ],
];

describe('packs on native TensorFlow', () => {
  let report: { backend: string; reports: MemberReport[] };

  beforeAll(async () => {
    report = await runTrainingChild(CHILD, 'tensorflow', [JSON.stringify(GROUPS)]);
  }, 300_000);

  it('trains on the native backend', () => {
    expect(report.backend).toBe('tensorflow');
    expect(report.reports.map((r) => [r.id, r.status, r.aloneStatus])).toEqual(GROUPS.flat().map((j) => [j.id, 'COMPLETED', 'COMPLETED']));
  });

  it.each(GROUPS.flat().map((j) => j.id))('%s in a pack ends within 1e-4 of its weights alone, accuracy within 0.1 point, and resumes bit for bit', (id) => {
    const r = report.reports.find((x) => x.id === id)!;
    expect(r.distance).toHaveLength(3);
    for (const d of r.distance) expect(d).toBeLessThan(1e-4);
    expect(r.accuracyGap).toBeLessThanOrEqual(0.001);
    expect(r.resumedSame).toBe(true);
  });
});
