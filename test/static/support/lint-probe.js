// Runs ESLint programmatically outside Jest's module sandbox (Jest cannot load eslint.config.mjs, an ES
// module, without --experimental-vm-modules). Reads [{ code, filePath }] as JSON on stdin; writes
// [{ filePath, rules, messages }] as JSON on stdout: `rules` is the project config for that path, unchanged;
// `messages` come from linting with type information switched off, because the probe files do not exist
// on disk and the TypeScript project service only serves files that do (the import rules need no types);
// import/no-cycle is off there for the same reason (eslint-plugin-import reads the importing file).
const { ESLint } = require('eslint');
const tseslint = require('typescript-eslint');

async function main() {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const cases = JSON.parse(input);
  const eslint = new ESLint({ cwd: process.cwd() });
  const untyped = new ESLint({
    cwd: process.cwd(),
    overrideConfig: [
      tseslint.configs.disableTypeChecked,
      { files: ['**/*.ts'], rules: { 'import/no-cycle': 'off' } },
    ],
  });
  const out = [];
  for (const { code, filePath } of cases) {
    const config = await eslint.calculateConfigForFile(filePath);
    const [result] = await untyped.lintText(code, { filePath });
    out.push({ filePath, rules: config.rules, messages: result.messages });
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err));
  process.exit(1);
});
