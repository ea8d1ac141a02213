import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GqlContext } from './api-key.guard';

/** The owner the API key guard authenticated. */
export const Owner = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const owner = GqlExecutionContext.create(context).getContext<GqlContext>().req.owner;
  if (!owner) throw new Error('Owner used on a route without ApiKeyGuard');
  return owner;
});
