import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { unauthenticated } from '../errors/graphql-errors';
import { ApiKeyRegistry } from './api-keys';

/** The parts of a request the guard reads: HTTP requests, and the stand-in built for WebSocket subscriptions. */
export type KeyBearer = Pick<Request, 'headers'> & { owner?: string };

/** GraphQL request context: the authenticated owner is set by the guard. */
export interface GqlContext {
  req: KeyBearer;
}

/** The API key a request presents (`x-api-key` or `Authorization: Bearer`), if any. */
export function presentedKey(req: Pick<Request, 'headers'>): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

/**
 * Every GraphQL operation needs a valid API key (`x-api-key` or `Authorization: Bearer`);
 * subscriptions present it in the graphql-ws `connectionParams` (see `ws-context.ts`).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeyRegistry) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const { req } = GqlExecutionContext.create(context).getContext<GqlContext>();
    const key = req ? presentedKey(req) : undefined;
    const owner = key ? this.keys.ownerOf(key) : undefined;
    if (!owner) {
      throw unauthenticated(key ? 'API key not recognised' : 'API key required (x-api-key header)');
    }
    req.owner = owner;
    return true;
  }
}
