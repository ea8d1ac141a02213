import { join } from 'path';
import { ROOT } from './support/k8s';
import { lintProbes, RESTRICTED_IMPORTS_RULE as RULE, type LintProbeResults } from './support/lint-probes';

/** Paths inside / outside the workflow folder (they need not exist: lintText uses them for config + project). */
const WORKFLOW_FILE = join(ROOT, 'libs/orchestration/src/workflows/__lint-probe__.ts');
const OUTSIDE_FILE = join(ROOT, 'libs/orchestration/src/activities/__lint-probe__.ts');

interface Probe {
  code: string;
  filePath?: string;
}

const BANNED_BUILTINS = [
  "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n",
  "import * as fs from 'node:fs';\nexport const x = fs;\n",
  "import { readFile } from 'fs/promises';\nexport const x = readFile;\n",
  "import { createHash } from 'crypto';\nexport const x = createHash;\n",
  "import { Worker } from 'worker_threads';\nexport const x = Worker;\n",
];
const TFJS = "import * as tf from '@tensorflow/tfjs';\nexport const x = tf;\n";
const BANNED_OTHERS = [
  "import { S3Client } from '@aws-sdk/client-s3';\nexport const x = S3Client;\n",
  "import * as training from '@kernel-sweep/training';\nexport const x = training;\n",
  "import * as storage from '@kernel-sweep/storage';\nexport const x = storage;\n",
  "import * as acts from '../activities';\nexport const x = acts;\n",
  "import * as acts from '../activities/training.activities';\nexport const x = acts;\n",
  "import { Client } from '@temporalio/client';\nexport const x = Client;\n",
];
const TYPE_IMPORTS = [
  "import type { SweepActivities } from '../activities';",
  "import type * as training from '@kernel-sweep/training';",
  "import type * as storage from '@kernel-sweep/storage';",
  'export type T = [SweepActivities, typeof training, typeof storage];',
  '',
].join('\n');
const ALLOWED =
  "import { sleep } from '@temporalio/workflow';\nimport * as domain from '@kernel-sweep/domain';\nexport const x = [sleep, domain];\n";
const OUTSIDE = "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n";

const probes: Probe[] = [
  ...BANNED_BUILTINS.map((code) => ({ code })),
  { code: TFJS },
  ...BANNED_OTHERS.map((code) => ({ code })),
  { code: TYPE_IMPORTS },
  { code: ALLOWED },
  { code: OUTSIDE, filePath: OUTSIDE_FILE },
];

let results: LintProbeResults;

/** Lints every probe in one child process: type-aware linting starts a TypeScript project service (slow). */
beforeAll(() => {
  results = lintProbes(probes.map((p) => ({ code: p.code, filePath: p.filePath ?? WORKFLOW_FILE })));
}, 300_000);

const restricted = (code: string, filePath = WORKFLOW_FILE): string[] => results.restricted(code, filePath);

describe('ESLint: Temporal workflow sandbox boundary (eslint.config.mjs)', () => {
  it('applies the sandbox rule to workflow files only, plus the project-wide rules', () => {
    const inside = results.of(TFJS, WORKFLOW_FILE).rules;
    const outside = results.of(OUTSIDE, OUTSIDE_FILE).rules;
    expect(inside[RULE]?.[0]).toBe(2);
    expect(outside[RULE]).toBeUndefined();
    for (const rule of [
      '@typescript-eslint/no-floating-promises',
      '@typescript-eslint/consistent-type-imports',
      'import/no-cycle',
    ]) {
      expect(inside[rule]?.[0]).toBe(2);
      expect(outside[rule]?.[0]).toBe(2);
    }
  });

  it.each(BANNED_BUILTINS)('bans Node built-ins: %s', (code) => {
    const messages = restricted(code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("Temporal's deterministic sandbox");
  });

  it('bans TensorFlow.js', () => {
    const messages = restricted(TFJS);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("Temporal's deterministic sandbox");
  });

  it.each(BANNED_OTHERS)('bans runtime imports of S3, training, storage, activities, client: %s', (code) => {
    expect(restricted(code)).toHaveLength(1);
  });

  it('allows `import type` from activities, training and storage', () => {
    expect(restricted(TYPE_IMPORTS)).toEqual([]);
  });

  it('allows the workflow SDK and the domain library', () => {
    expect(restricted(ALLOWED)).toEqual([]);
  });

  it('does not restrict activity code', () => {
    expect(restricted(OUTSIDE, OUTSIDE_FILE)).toEqual([]);
  });
});
