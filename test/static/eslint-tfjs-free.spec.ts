import { join } from 'path';
import { ROOT } from './support/k8s';
import { lintProbes, RESTRICTED_IMPORTS_RULE as RULE, type LintProbe, type LintProbeResults } from './support/lint-probes';

/** Probe paths (they need not exist: lintText uses them for config + project). */
const GATEWAY_FILE = join(ROOT, 'apps/gateway/src/trials/__lint-probe__.ts');
const KERNEL_BANKS_FILE = join(ROOT, 'libs/kernel-banks/src/__lint-probe__.ts');
const DOMAIN_FILE = join(ROOT, 'libs/domain/src/__lint-probe__.ts');
const WORKER_FILE = join(ROOT, 'apps/worker/src/__lint-probe__.ts');
const TFJS_FREE = [GATEWAY_FILE, KERNEL_BANKS_FILE, DOMAIN_FILE];

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

const probes: LintProbe[] = [
  ...TFJS_FREE.flatMap((filePath) => BANNED.map((code) => ({ code, filePath }))),
  { code: GATEWAY_ALLOWED, filePath: GATEWAY_FILE },
  { code: ENGINE_IMPORT, filePath: WORKER_FILE },
];

let results: LintProbeResults;

beforeAll(() => {
  results = lintProbes(probes);
}, 300_000);

const restricted = (code: string, filePath: string): string[] => results.restricted(code, filePath);

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
    expect(results.of(ENGINE_IMPORT, WORKER_FILE).rules[RULE]).toBeUndefined();
    expect(restricted(ENGINE_IMPORT, WORKER_FILE)).toEqual([]);
  });
});
