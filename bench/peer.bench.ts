/**
 * The PyTorch peer (bench/peer/pytorch_peer.py): the reference CNN trained with PyTorch on the
 * same images, batch size and optimizer as training.bench.ts, on this machine's CPU. Prints
 * `bench peer.pytorch.learned|frozen|linear N img/s` for a side-by-side ratio with
 * `train.*.<backend>`, and `bench peer.pytorch.head.epoch S s` beside `head.pack.epoch` (bench/pack.bench.ts). PyTorch is installed on demand (scripts/install-peer.sh, ~5 GB into
 * .tools/peer): the figures run when the pattern names them (`npm run bench -- peer`) or once it
 * is installed; otherwise one line on stderr says how to get them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DATASET_DIR, benchImages } from './training.bench';

const ROOT = join(__dirname, '..', '..');
const PYTHON = join(ROOT, '.tools', 'peer', 'bin', 'python');

/** The figures this module owns. */
export const PEER_FIGURES = ['peer.pytorch.learned', 'peer.pytorch.frozen', 'peer.pytorch.linear', 'peer.pytorch.head.epoch'];

export async function run(filter: RegExp = /./): Promise<void> {
  const wanted = PEER_FIGURES.filter((id) => filter.test(id));
  if (wanted.length === 0) return;
  if (!/peer/.test(filter.source) && !existsSync(PYTHON)) {
    process.stderr.write(
      '# peer.pytorch.* not measured: `npm run bench -- peer` installs PyTorch (~5 GB) and runs them\n',
    );
    return;
  }
  const install = spawnSync('bash', [join(ROOT, 'scripts', 'install-peer.sh')], { stdio: 'inherit' });
  if (install.status !== 0) throw new Error(`scripts/install-peer.sh failed (exit ${install.status})`);
  const pattern = `^(?:${wanted.map((w) => w.replace(/\./g, '\\.')).join('|')})$`;
  const peer = spawnSync(
    PYTHON,
    [
      join(ROOT, 'bench', 'peer', 'pytorch_peer.py'),
      pattern,
      '--images',
      String(benchImages()),
      '--dataset',
      process.env.FASHION_MNIST_DIR ?? DEFAULT_DATASET_DIR,
    ],
    { stdio: 'inherit' },
  );
  if (peer.status !== 0) throw new Error(`bench/peer/pytorch_peer.py failed (exit ${peer.status})`);
}

if (require.main === module) {
  run(process.argv[2] ? new RegExp(process.argv[2]) : undefined).catch((err: unknown) => {
    process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
    process.exitCode = 1;
  });
}
