// ESLint 9 flat config: type-aware typescript-eslint, import hygiene, the Temporal workflow sandbox
// boundary for libs/orchestration/src/workflows/**, and no TensorFlow.js in the gateway and its plain libs.
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

const TS_FILES = ['**/*.ts'];
const WORKFLOW_FILES = ['libs/orchestration/src/workflows/**/*.ts'];

const SANDBOX_MESSAGE =
  "workflow code runs in Temporal's deterministic sandbox: no Node built-ins, I/O, TensorFlow, S3, config or " +
  'activity implementations. Do that work in an activity (libs/orchestration/src/activities) and call it via ' +
  "proxyActivities; only '@temporalio/workflow', '@kernel-sweep/domain' and `import type` are allowed here.";

/** Node built-ins, bare and as subpaths (`fs/promises`); `node:*` is banned as a whole. */
const NODE_BUILTINS = [
  'fs',
  'path',
  'crypto',
  'child_process',
  'os',
  'http',
  'https',
  'http2',
  'net',
  'dns',
  'tls',
  'dgram',
  'stream',
  'worker_threads',
  'cluster',
  'zlib',
  'vm',
  'process',
  'perf_hooks',
  'readline',
  'timers',
];

/** Options for @typescript-eslint/no-restricted-imports in workflow files. */
const workflowRestrictedImports = {
  patterns: [
    {
      group: ['node:*', ...NODE_BUILTINS.flatMap((m) => [m, `${m}/*`])],
      message: SANDBOX_MESSAGE,
    },
    {
      group: ['@tensorflow/*', '@aws-sdk/*', '@smithy/*', '@nestjs/*', 'pino', 'pino/*'],
      message: SANDBOX_MESSAGE,
    },
    {
      group: [
        '@temporalio/worker',
        '@temporalio/activity',
        '@temporalio/testing',
        '@kernel-sweep/config',
        '@kernel-sweep/config/*',
      ],
      message: SANDBOX_MESSAGE,
    },
    {
      // Types (activity interfaces, result shapes) are erased at compile time, so `import type` is fine.
      group: [
        '@kernel-sweep/training',
        '@kernel-sweep/training/*',
        '@kernel-sweep/storage',
        '@kernel-sweep/storage/*',
        // The package root re-exports the client (and through it @temporalio/client).
        '@kernel-sweep/orchestration',
        '@kernel-sweep/orchestration/client',
        '@kernel-sweep/orchestration/worker',
        '**/activities',
        '**/activities/**',
        // Worker-side services: data sets, the feature cache, trial runs (fs, tfjs, S3).
        '**/worker',
        '**/worker/**',
        '**/datasets/**',
        '**/features/**',
        '**/trials/**',
        // Our client folder and @temporalio/client (connections, gRPC, Node APIs).
        '**/client',
        '**/client/**',
      ],
      allowTypeImports: true,
      message: SANDBOX_MESSAGE,
    },
  ],
};

/** Code that must never load TensorFlow.js: the gateway process and the plain libraries it uses. */
const TFJS_FREE_FILES = [
  'apps/gateway/**/*.ts',
  'libs/kernel-banks/**/*.ts',
  'libs/domain/**/*.ts',
  'libs/storage/**/*.ts',
  'libs/results/**/*.ts',
  'libs/config/**/*.ts',
  // The orchestration package root (what the gateway imports): contracts, client, errors, attributes.
  'libs/orchestration/src/*.ts',
  'libs/orchestration/src/contracts/**/*.ts',
  'libs/orchestration/src/client/**/*.ts',
];

const TFJS_FREE_MESSAGE =
  'the gateway and the libraries it loads stay free of TensorFlow.js (it would load in the API ' +
  'process): draw or read filters with @kernel-sweep/kernel-banks, train in the worker.';

/** Options for @typescript-eslint/no-restricted-imports where TensorFlow.js is banned (type imports too). */
const tfjsFreeRestrictedImports = {
  patterns: [
    {
      group: [
        '@tensorflow/*',
        '@kernel-sweep/training',
        '@kernel-sweep/training/*',
        '@kernel-sweep/tfjs-engine',
        '@kernel-sweep/tfjs-engine/*',
        // The same libraries by relative path.
        '**/training/src',
        '**/training/src/**',
        '**/tfjs-engine/src',
        '**/tfjs-engine/src/**',
      ],
      message: TFJS_FREE_MESSAGE,
    },
  ],
};

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.tools/**', '.stack/**', 'coverage/**', 'jest.config.js'],
  },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
  },
  {
    files: TS_FILES,
    extends: [...tseslint.configs.recommendedTypeChecked],
    plugins: { import: importPlugin },
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    settings: {
      'import/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Resolves the @kernel-sweep/* path aliases so import/no-cycle sees cycles across libs too.
      'import/resolver': {
        typescript: { project: './tsconfig.json', alwaysTryTypes: true },
        node: { extensions: ['.ts', '.js', '.json'] },
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      // (With emitDecoratorMetadata in tsconfig, the rule leaves Nest's constructor-injected imports alone.)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'import/no-self-import': 'error',
      'import/no-duplicates': 'error',
      'no-console': 'error',
    },
  },
  {
    files: WORKFLOW_FILES,
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', workflowRestrictedImports],
    },
  },
  {
    files: TFJS_FREE_FILES,
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', tfjsFreeRestrictedImports],
    },
  },
  {
    // Tests, benchmarks and scripts may print, and tests probe loosely typed data (parsed YAML, doubles).
    files: ['test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
