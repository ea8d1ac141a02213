import { spawnSync } from 'child_process';
import { join } from 'path';
import { ROOT } from './support/k8s';

/** Probe paths (they need not exist: lintText uses them for config + project). */
const GATEWAY_FILE = join(ROOT, 'apps/gateway/src/trials/__lint-probe__.ts');
const KERNEL_BANKS_FILE = join(ROOT, 'libs/kernel-banks/src/__lint-probe__.ts');
const DOMAIN_FILE = join(ROOT, 'libs/domain/src/__lint-probe__.ts');
const WORKER_FILE = join(ROOT, 'apps/worker/src/__lint-probe__.ts');
const TFJS_FREE = [GATEWAY_FILE, KERNEL_BANKS_FILE, DOMAIN_FILE];
const RULE = '@typescript-eslint/no-restricted-imports';

interface Probe {
  code: string;
  filePath: string;
}
interface Result {
  rules: Record<string, unknown[]>;
  messages: { ruleId: string | null; message: string; fatal?: boolean }[];
}

const BANNED = [
  "import * as tf from '@tensorflow/tfjs';\nexport const x = tf;\n",
  "import * as tf from '@tensorflow/tfjs-node';\nexport const x = tf;\n",
  "import { trainTrial } from '@kernel-sweep/training';\nexport const x = trainTrial;\n",
  "import { initBackend } from '@kernel-sweep/tfjs-engine';\nexport const x = initBackend;\n",
  "import type { TrainTrialResult } from '@kernel-sweep/training';\nexport type T = TrainTrialResult;\n",
  "import { trainTrial } from '../../training/src';\nexport const x = trainTrial;\n",
  "import { FusedAdamOptimizer } from '../../tfjs-engine/src/fused-adam';\nexport const x = FusedAdamOptimizer;\n",
];
const GATEWAY_ALLOWED =
  "import { firstLayerKernels } from '@kernel-sweep/kernel-banks';\nimport * as domain from '@kernel-sweep/domain';\nexport const x = [firstLayerKernels, domain];\n";
const ENGINE_IMPORT = BANNED[3];

const probes: Probe[] = [
  ...TFJS_FREE.flatMap((filePath) => BANNED.map((code) => ({ code, filePath }))),
  { code: GATEWAY_ALLOWED, filePath: GATEWAY_FILE },
  { code: ENGINE_IMPORT, filePath: WORKER_FILE },
];

let results: Map<string, Result>;
const key = (p: Probe): string => `${p.filePath}\n${p.code}`;

/** Lints every probe in one child process (ESLint's flat config is an ES module Jest cannot load). */
beforeAll(() => {
  const run = spawnSync(process.execPath, [join(__dirname, 'support', 'lint-probe.js')], {
    cwd: ROOT,
    input: JSON.stringify(probes),
    encoding: 'utf8',
    timeout: 240_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`ESLint probe failed (${run.status}): ${run.stderr}`);
  const out = JSON.parse(run.stdout) as Result[];
  results = new Map(probes.map((p, i) => [key(p), out[i]]));
}, 300_000);

function restricted(code: string, filePath: string): string[] {
  const result = results.get(key({ code, filePath }))!;
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(fatal.map((m) => m.message).join('\n'));
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const where = (file: string) => file.slice(ROOT.length + 1);

describe('ESLint: no TensorFlow.js in the gateway, libs/kernel-banks and libs/domain (eslint.config.mjs)', () => {
  describe.each(TFJS_FREE.map(where))('in %s', (file) => {
    it.each(BANNED)('bans %s', (code) => {
      const messages = restricted(code, join(ROOT, file));
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain('stay free of TensorFlow.js');
    });
  });

  it('lets the gateway draw filters with kernel-banks and use the domain library', () => {
    expect(restricted(GATEWAY_ALLOWED, GATEWAY_FILE)).toEqual([]);
  });

  it('does not restrict the worker, which trains', () => {
    expect(results.get(key({ code: ENGINE_IMPORT, filePath: WORKER_FILE }))!.rules[RULE]).toBeUndefined();
    expect(restricted(ENGINE_IMPORT, WORKER_FILE)).toEqual([]);
  });
});
