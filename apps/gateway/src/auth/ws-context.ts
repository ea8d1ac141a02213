import type { GqlContext, KeyBearer } from './api-key.guard';

/** What graphql-ws hands the context factory (`ctx` of its callbacks). */
export interface WsConnectionContext {
  connectionParams?: Readonly<Record<string, unknown>>;
}

/** The API key a graphql-ws client sends in `connectionParams` (`apiKey`, `x-api-key` or `Authorization: Bearer`). */
export function connectionKey(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  for (const name of ['apiKey', 'x-api-key']) {
    const v = params[name];
    if (typeof v === 'string' && v) return v;
  }
  const auth = params.authorization ?? params.Authorization;
  return typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

function isWsContext(arg: unknown): arg is WsConnectionContext {
  return typeof arg === 'object' && arg !== null && 'connectionParams' in arg;
}

/**
 * Context of every operation. Subscriptions get a stand-in request whose `x-api-key` header is
 * the key from `connectionParams`, so the one API key guard authenticates both transports.
 */
export function gqlContext(arg: unknown): GqlContext {
  if (isWsContext(arg)) {
    const key = connectionKey(arg.connectionParams);
    const req: KeyBearer = { headers: key ? { 'x-api-key': key } : {} };
    return { req };
  }
  return { req: (arg as { req: KeyBearer }).req };
}
