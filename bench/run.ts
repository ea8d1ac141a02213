/**
 * Benchmark runner: `npm run bench [-- PATTERN]`. Each benchmark module exports
 * `run(filter)` and prints one line per figure: `bench <name> <value> <unit>`.
 * Only figures whose name matches PATTERN (a regular expression) are measured. Each module runs
 * in a process of its own: a tfjs backend is per process, and native TensorFlow's thread pools
 * or a previous module's heap must not weigh on the next one's figures.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const CHILD = `
const [file, pattern] = process.argv.slice(1);
require(file).run(new RegExp(pattern)).catch((err) => {
  process.stderr.write(String((err && err.stack) || err) + '\\n');
  process.exit(1);
});
`;

function main(): void {
  const pattern = process.argv[2] ?? '.';
  new RegExp(pattern); // a bad pattern fails here, once
  const files = readdirSync(__dirname)
    .filter((f) => /\.bench\.js$/.test(f))
    .sort();
  const failed: string[] = [];
  for (const file of files) {
    const child = spawnSync(process.execPath, ['-e', CHILD, join(__dirname, file), pattern], {
      stdio: 'inherit',
    });
    if (child.status !== 0) failed.push(`${file} (${child.status ?? child.signal})`);
  }
  if (failed.length > 0) {
    process.stderr.write(`benchmarks failed: ${failed.join(', ')}\n`);
    process.exit(1);
  }
}

main();
