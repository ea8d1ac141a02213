/**
 * The gateway must not load TensorFlow.js: it only draws first-layer filters, which
 * @kernel-sweep/kernel-banks reads from a checkpoint's bytes. Each probe runs in a `node` child on
 * the compiled apps (dist/, from `npm run build`), so `require.cache` is the real module graph and
 * nothing Jest loaded leaks in.
 */
import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const GATEWAY_MODULE = join(DIST, 'apps', 'gateway', 'src', 'app.module.js');
const TRAINING_INDEX = join(DIST, 'libs', 'training', 'src', 'index.js');

/** What a child loaded: every file in `require.cache`, relative to the repository where inside it. */
interface Graph {
  files: string[];
  tensorflow: string[];
}

/** Runs in the child: require one module, report the module graph. */
const CHILD = `
const [entry, root] = process.argv.slice(1);
require(entry);
const files = Object.keys(require.cache).map((f) => (f.startsWith(root) ? f.slice(root.length + 1) : f));
const tensorflow = files.filter((f) => f.includes('@tensorflow'));
process.stdout.write(JSON.stringify({ files, tensorflow }) + '\\n');
`;

function graphOf(entry: string): Graph {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const out = execFileSync(process.execPath, ['-e', CHILD, entry, ROOT], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Graph;
}

describe('gateway module graph (compiled)', () => {
  it('loads the gateway and kernel-banks but no @tensorflow package and not the training library', () => {
    const graph = graphOf(GATEWAY_MODULE);
    expect(graph.files).toContain('dist/apps/gateway/src/app.module.js');
    expect(graph.files).toContain('dist/apps/gateway/src/trials/trials.service.js');
    expect(graph.files).toContain('dist/libs/kernel-banks/src/first-layer.js');
    expect(graph.tensorflow).toEqual([]);
    expect(graph.files.filter((f) => /dist\/libs\/(training|tfjs-engine)\//.test(f))).toEqual([]);
  });

  it('sees TensorFlow.js where it is loaded (the probe itself works)', () => {
    const graph = graphOf(TRAINING_INDEX);
    expect(graph.tensorflow.some((f) => f.includes('@tensorflow/tfjs-core'))).toBe(true);
  });
});
