/**
 * A resumed trial on native TensorFlow (the binding of scripts/install-native-tf.sh) against the
 * uninterrupted run: resumed after every epoch boundary, its checkpoints' `weights.bin` and its
 * metrics must be the same bit for bit. tfjs backends are per process, so the trials run in a
 * `node` child on the compiled library (dist/, from `npm run build`), as in native-backend.test.ts.
 */
import type { TrialConfig } from '@kernel-sweep/domain';
import { aResumeTrialConfig } from '../../libs/domain/src/test-builders';
import { runTrainingChild } from '../support/native-child';

const EPOCHS = aResumeTrialConfig().epochs;

/** One trial to train straight through and resumed; `cached` trains its head on computed features. */
interface Job {
  id: string;
  config: TrialConfig;
  cached: boolean;
}

/** Per resume epoch: whether each later checkpoint's bytes and the run's metrics equal the straight run's. */
interface JobReport {
  id: string;
  status: string;
  resumes: Array<{
    from: number;
    sameWeights: Record<string, boolean>;
    sameMetrics: boolean;
    sameAccuracy: boolean;
  }>;
}

/**
 * Runs in the child. Checkpoints go through the payload form the worker stores in S3
 * (`model.json` as JSON text, one `weights.bin`) and come back through its load handler.
 */
const CHILD = `
const [trainingDist, engineDist, backend, jobsJson, epochs] = process.argv.slice(1);
const training = require(trainingDist + '/index.js');
const engine = require(engineDist + '/index.js');
const data = training.makeSyntheticDataset({ trainCount: 256, testCount: 64, seed: 5 });
const curve = (r) => JSON.stringify(r.epochs.map(({ seconds, imagesPerSecond, ...m }) => m));
async function run(config, inputs, from) {
  const saved = new Map();
  const r = await training.trainTrial({
    config, ...inputs,
    resume: from && { epoch: from.epoch, load: training.checkpointLoadHandler(from.payload), previousEpochs: from.previous },
    checkpoint: (epoch) => training.checkpointSaveHandler(async (p) => {
      saved.set(epoch, { modelJson: JSON.parse(JSON.stringify(p.modelJson)), weights: Buffer.from(p.weights) });
    }),
  });
  return { r, saved };
}
(async () => {
  const name = await engine.initBackend(backend);
  const reports = [];
  for (const job of JSON.parse(jobsJson)) {
    const inputs = job.cached ? { features: await training.computeFeatures(job.config, data) } : { data };
    const straight = await run(job.config, inputs);
    const resumes = [];
    for (let from = 1; from < Number(epochs); from++) {
      const resumed = await run(job.config, inputs, { epoch: from, payload: straight.saved.get(from), previous: straight.r.epochs.slice(0, from) });
      const sameWeights = {};
      for (let e = from + 1; e <= Number(epochs); e++) sameWeights[e] = resumed.saved.get(e).weights.equals(straight.saved.get(e).weights);
      resumes.push({ from, sameWeights, sameMetrics: curve(resumed.r) === curve(straight.r), sameAccuracy: resumed.r.testAccuracy === straight.r.testAccuracy });
    }
    reports.push({ id: job.id, status: straight.r.status, resumes });
  }
  process.stdout.write(JSON.stringify({ backend: name, reports }) + '\\n');
})().catch((err) => { process.stderr.write(String(err && err.stack || err) + '\\n'); process.exit(1); });
`;

function runChild(backend: 'tensorflow', jobs: Job[]): Promise<{ backend: string; reports: JobReport[] }> {
  return runTrainingChild<{ backend: string; reports: JobReport[] }>(CHILD, backend, [JSON.stringify(jobs), String(EPOCHS)]);
}

const trial = aResumeTrialConfig;
const JOBS: Job[] = [
  { id: 'learned/TRAIN_ALL', config: trial({ kernel: { family: 'learned' } }), cached: false },
  {
    id: 'dct/FROZEN_FIRST',
    config: trial({ kernel: { family: 'dct' }, freeze: 'FROZEN_FIRST' }),
    cached: false,
  },
  {
    id: 'sobel/FROZEN (cached features)',
    config: trial({ kernel: { family: 'sobel' }, freeze: 'FROZEN' }),
    cached: true,
  },
];

describe('a resumed trial on native TensorFlow', () => {
  let report: { backend: string; reports: JobReport[] };

  beforeAll(async () => {
    report = await runChild('tensorflow', JOBS);
  });

  it('trains on the native backend', () => {
    expect(report.backend).toBe('tensorflow');
    expect(report.reports.map((r) => [r.id, r.status])).toEqual(JOBS.map((j) => [j.id, 'COMPLETED']));
  });

  it.each(JOBS.map((j) => j.id))(
    '%s resumed after epochs 1, 2 and 3 equals the uninterrupted run bit for bit',
    (id) => {
      const { resumes } = report.reports.find((r) => r.id === id)!;
      const all = (from: number) =>
        Object.fromEntries(Array.from({ length: EPOCHS - from }, (_, i) => [String(from + 1 + i), true]));
      expect(resumes).toEqual(
        [1, 2, 3].map((from) => ({ from, sameWeights: all(from), sameMetrics: true, sameAccuracy: true })),
      );
    },
  );
});
