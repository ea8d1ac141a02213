/** Jest projects: `unit` (specs next to the code, no services) and `integration` (real Temporal dev server + SeaweedFS). */
const moduleNameMapper = {
  '^@kernel-sweep/orchestration/(workflows|worker)$': '<rootDir>/libs/orchestration/src/$1',
  '^@kernel-sweep/(.*)$': '<rootDir>/libs/$1/src',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json'}] };
const base = { rootDir: __dirname, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'], transform, moduleNameMapper };

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test/static,test/replay}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/{integration,e2e}/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-setup.ts'],
    },
  ],
};
