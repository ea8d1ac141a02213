#!/usr/bin/env node
// Pre-bundles the compiled workflow code so workers start without webpack (production path).
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { bundleWorkflowCode } = require('@temporalio/worker');

async function main() {
  const root = join(__dirname, '..');
  const workflowsPath = join(root, 'dist', 'libs', 'orchestration', 'src', 'workflows', 'index.js');
  const { code } = await bundleWorkflowCode({ workflowsPath });
  const out = join(root, 'dist', 'workflow-bundle.js');
  writeFileSync(out, code);
  process.stdout.write(`workflow bundle: ${out} (${(code.length / 1024).toFixed(0)} KiB)\n`);
}

main().catch((err) => {
  process.stderr.write(`workflow bundle failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
