import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MissingApiKeyError, UsageError } from './errors';

/** Where the gateway of the local stack listens. */
export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:3000/graphql';

/** The environment variables the CLI reads (all optional). */
export interface CliEnv {
  KS_GATEWAY_URL?: string;
  KS_API_KEY?: string;
  KS_STACK_DIR?: string;
}

/** Global options as given on the command line. */
export interface ConnectionOptions {
  gateway?: string;
  apiKey?: string;
}

/** Gateway URL and API key the commands talk with. */
export interface Connection {
  url: string;
  apiKey: string;
}

/**
 * The connection from `--gateway` / `--api-key`, else `KS_GATEWAY_URL` / `KS_API_KEY`, else the
 * local stack (its default URL, and the key it wrote to `$KS_STACK_DIR/api-key`, default `.stack`
 * in the repository root).
 */
export function resolveConnection(opts: ConnectionOptions, env: CliEnv, root: string): Connection {
  const url = opts.gateway ?? env.KS_GATEWAY_URL ?? DEFAULT_GATEWAY_URL;
  if (!/^https?:\/\/[^/]/.test(url) || !URL.canParse(url)) {
    throw new UsageError(`--gateway: not an http(s) URL: ${url}`);
  }
  const apiKey = opts.apiKey ?? env.KS_API_KEY ?? localStackKey(env.KS_STACK_DIR ?? join(root, '.stack'));
  if (!apiKey) throw new MissingApiKeyError();
  return { url, apiKey };
}

function localStackKey(stackDir: string): string | undefined {
  const file = join(stackDir, 'api-key');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}
