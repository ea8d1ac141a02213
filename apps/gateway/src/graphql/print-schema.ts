import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printGatewaySchema } from './schema';

/** Writes the gateway's schema to the file named by the first argument (the build: `dist/apps/gateway/schema.graphql`). */
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: print-schema.js OUT_FILE');
  writeFileSync(out, await printGatewaySchema());
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
