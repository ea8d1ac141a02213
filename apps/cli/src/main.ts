import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayClient } from './gateway-client';
import { report, results, submit, watch } from './commands';

const USAGE = `usage: kernel-sweep submit FILE [--wait] | watch ID | results ID [--group-by kernelFamily,freezeStrategy] | report ID [--out DIR]
  KS_GATEWAY_URL (default http://127.0.0.1:3000/graphql), KS_API_KEY (default: the local stack's key in .stack/api-key)`;

function apiKey(): string {
  if (process.env.KS_API_KEY) return process.env.KS_API_KEY;
  const local = join(process.env.KS_STACK_DIR ?? '.stack', 'api-key');
  if (existsSync(local)) return readFileSync(local, 'utf8').trim();
  throw new Error('no API key: set KS_API_KEY or start the local stack (npm run stack:up)');
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The command-line client: talks to the gateway over GraphQL, like any user's script. */
async function main(argv: string[]): Promise<number> {
  const [command, arg, ...rest] = argv;
  if (!command || !arg) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const client = new GatewayClient(process.env.KS_GATEWAY_URL ?? 'http://127.0.0.1:3000/graphql', apiKey());
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const groupBy = (flag(rest, '--group-by') ?? 'kernelFamily,freezeStrategy').split(',').filter(Boolean);
  const toEnum = (f: string) => f.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  switch (command) {
    case 'submit': {
      const id = await submit(client, arg, out);
      if (!rest.includes('--wait')) return 0;
      const status = await watch(client, id, out);
      await results(client, id, groupBy.map(toEnum), out);
      return status === 'COMPLETED' ? 0 : 1;
    }
    case 'watch':
      return (await watch(client, arg, out)) === 'COMPLETED' ? 0 : 1;
    case 'results':
      await results(client, arg, groupBy.map(toEnum), out);
      return 0;
    case 'report':
      await report(client, arg, flag(rest, '--out') ?? `report-${arg}`, out);
      return 0;
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
