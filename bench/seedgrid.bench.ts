/**
 * The seed grid end to end, beside the same trials in PyTorch (the targets in docs/performance.md,
 * "Pack targets"): 8 kernel choices (six fixed families, learned, none) × `FROZEN` / `TRAIN_ALL` ×
 * 3 seeds, 42 trials after the meaningless pair (learned under `FROZEN`) and the duplicate
 * raw-pixel baseline drop out; the whole Fashion-MNIST training set, 3 epochs, Adam 1e-3, batch 64.
 *   sweep.seedgrid.seconds          kernel-sweep: `cli submit --wait` through GraphQL on a
 *                                   private stack with one worker per core (packs at the
 *                                   gateway's `KS_PACK_SIZE`), submit to completed
 *   peer.pytorch.seedgrid.seconds   the same trials, one after the other, in a plain PyTorch
 *                                   loop on every core (bench/peer/pytorch_peer.py --seedgrid)
 *   sweep.seedgrid.ratio            PyTorch's time divided by ours (above 1: kernel-sweep is faster)
 * `BENCH_IMAGES=N` trains both on N training images instead of 60,000 (a quicker, lower reading).
 * PyTorch is installed on demand (scripts/install-peer.sh, ~5 GB). Infra must be up (`npm run
 * bench` starts it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandGrid, sweepSpecSchema, type SweepSpecInput } from '@kernel-sweep/domain';
import { buildKernelBank, deriveSeed } from '@kernel-sweep/kernel-banks';
import { hasNoConvStack } from '@kernel-sweep/training';
import { ROOT } from '../scripts/lib/app-process';
import { print, startPrivateStack, sweepIdIn } from './private-stack';
import { DEFAULT_DATASET_DIR, benchImages } from './training.bench';

const FIGURES = ['sweep.seedgrid.seconds', 'peer.pytorch.seedgrid.seconds', 'sweep.seedgrid.ratio'];
const PYTHON = join(ROOT, '.tools', 'peer', 'bin', 'python');

/** The seed grid as a sweep spec; `name` makes it a sweep of its own. */
export function seedGridSpec(name: string, images = 60000): SweepSpecInput {
  return {
    name,
    dataset: { name: 'fashion-mnist', ...(images < 60000 ? { trainLimit: images } : {}) },
    grid: {
      kernels: ['gaussian', 'sharpen', 'sobel', 'laplacian', 'gabor', 'random', 'learned', 'none'].map((family) => ({ family })) as SweepSpecInput['grid']['kernels'],
      freeze: ['FROZEN', 'TRAIN_ALL'],
      seeds: [1, 2, 3],
      learningRates: [0.001],
      epochs: [3],
    },
    training: { batchSize: 64, optimizer: 'adam' },
    maxParallelTrials: 8,
  };
}

/** The grid's trials as the PyTorch peer reads them: strategy, seed, shape and first-layer bank. */
export function peerTrials(input: SweepSpecInput) {
  const spec = sweepSpecSchema.parse(input);
  const { trials } = expandGrid(spec, '');
  return {
    epochs: spec.grid.epochs[0],
    learningRate: spec.grid.learningRates[0],
    batchSize: spec.training.batchSize,
    trials: trials.map(({ config }) => {
      const noConv = hasNoConvStack(config);
      const { conv1Filters, conv2Filters, kernelSize } = config.model;
      return {
        family: config.kernel.family,
        freeze: config.freeze,
        seed: config.seed,
        noConv,
        conv1Filters,
        conv2Filters,
        kernelSize,
        conv1: noConv ? null : Array.from(buildKernelBank(config.kernel, conv1Filters, kernelSize, deriveSeed(config.seed, 'conv1'))),
      };
    }),
  };
}

export async function run(filter: RegExp = /./): Promise<void> {
  if (!FIGURES.some((f) => filter.test(f))) return;
  const dir = mkdtempSync(join(tmpdir(), 'ks-seedgrid-'));
  try {
    const images = benchImages();
    const spec = seedGridSpec(`seed grid bench ${Date.now()}`, images);
    const grid = peerTrials(spec);
    if (grid.trials.length !== 42) throw new Error(`the seed grid expands to ${grid.trials.length} trials, not 42`);

    const specFile = join(dir, 'seed-grid.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const stack = await startPrivateStack('seedgrid');
    let ours: number;
    try {
      const t0 = performance.now();
      const out = await stack.cli(['submit', specFile, '--wait']);
      ours = (performance.now() - t0) / 1000;
      const id = sweepIdIn(out);
      if (!/COMPLETED: 42\/42 done/.test(out)) throw new Error(`sweep ${id} did not complete all 42 trials:\n${out.slice(-2000)}`);
      process.stderr.write(`# seed grid sweep ${id}: ${/best test accuracy \S+/.exec(out)?.[0] ?? ''}\n`);
    } finally {
      await stack.stop();
    }
    print('sweep.seedgrid.seconds', ours, 's');

    const install = spawnSync('bash', [join(ROOT, 'scripts', 'install-peer.sh')], { stdio: ['ignore', 2, 2] });
    if (install.status !== 0) throw new Error(`scripts/install-peer.sh failed (exit ${install.status})`);
    const trialsFile = join(dir, 'peer-trials.json');
    writeFileSync(trialsFile, JSON.stringify(grid));
    const peer = spawnSync(
      PYTHON,
      [join(ROOT, 'bench', 'peer', 'pytorch_peer.py'), '--seedgrid', trialsFile, '--images', String(images), '--dataset', process.env.FASHION_MNIST_DIR ?? DEFAULT_DATASET_DIR],
      { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
    );
    if (peer.status !== 0) throw new Error(`bench/peer/pytorch_peer.py --seedgrid failed (exit ${peer.status})`);
    const theirs = Number(/^bench peer\.pytorch\.seedgrid\.seconds (\S+) s$/m.exec(peer.stdout)?.[1]);
    if (!Number.isFinite(theirs)) throw new Error(`no peer.pytorch.seedgrid.seconds in the peer's output:\n${peer.stdout}`);
    print('peer.pytorch.seedgrid.seconds', theirs, 's');
    print('sweep.seedgrid.ratio', theirs / ours, 'ratio');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
