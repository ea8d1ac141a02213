/**
 * Benchmark runner: `npm run bench [-- PATTERN]`. Each benchmark module exports
 * `run(filter)` and prints one line per figure: `bench <name> <value> <unit>`.
 * Only figures whose name matches PATTERN (a regular expression) are measured.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

interface BenchModule {
  run(filter: RegExp): Promise<void>;
}

async function main(): Promise<void> {
  const filter = new RegExp(process.argv[2] ?? '.');
  const files = readdirSync(__dirname)
    .filter((f) => /\.bench\.js$/.test(f))
    .sort();
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as BenchModule;
    await mod.run(filter);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
