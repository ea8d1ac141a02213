/**
 * The main job's own figure: the seed-question study's `quick` preset, as `npm run demo` runs it,
 * on a private stack (gateway plus one worker per core, private task queues and S3 prefix, so no
 * cached features or earlier results help). Infra must be up (`npm run bench` starts it).
 *   demo.quick.seconds   submit to verdict: the CLI's `submit --preset quick --wait`, wall time
 *   demo.quick.trials    trials the preset expands to
 */
import { join } from 'node:path';
import { ROOT } from '../scripts/lib/app-process';
import { print, startPrivateStack, sweepIdIn } from './private-stack';

const SPEC = join(ROOT, 'apps', 'cli', 'examples', 'seed-question.yaml');

/** Benchmarks whose names match `filter`. */
export async function run(filter: RegExp): Promise<void> {
  if (!filter.test('demo.quick.seconds') && !filter.test('demo.quick.trials')) return;
  const stack = await startPrivateStack('demo');
  try {
    const t0 = performance.now();
    const out = await stack.cli(['submit', SPEC, '--preset', 'quick', '--wait']);
    const seconds = (performance.now() - t0) / 1000;
    const id = sweepIdIn(out);
    const { totalCount } = JSON.parse(await stack.cli(['trials', id, '--json'])) as { totalCount: number };
    print('demo.quick.seconds', seconds, 's');
    print('demo.quick.trials', totalCount, 'trials');
  } finally {
    await stack.stop();
  }
}
