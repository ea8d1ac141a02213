import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESOLVER_TYPE_METADATA } from '@nestjs/graphql/dist/graphql.constants';
import { AppModule } from '../app.module';
import { COMMITTED_SCHEMA_PATH, GATEWAY_RESOLVERS, printGatewaySchema } from './schema';

const ROOT = join(__dirname, '../../../..');

type ModuleRef = { module?: unknown; imports?: unknown[]; providers?: unknown[] } | (new (...args: never[]) => unknown);

/** Every provider class of `root` and the modules it imports (static or dynamic), once each. */
function providerClasses(root: ModuleRef, seen = new Set<unknown>()): unknown[] {
  if (!root || seen.has(root)) return [];
  seen.add(root);
  const cls = typeof root === 'function' ? root : root.module;
  const dynamic = typeof root === 'function' ? {} : root;
  const imports = [...((cls && Reflect.getMetadata('imports', cls)) ?? []), ...(dynamic.imports ?? [])] as ModuleRef[];
  const providers = [...((cls && Reflect.getMetadata('providers', cls)) ?? []), ...(dynamic.providers ?? [])] as unknown[];
  return [...providers.filter((p) => typeof p === 'function'), ...imports.flatMap((m) => providerClasses(m, seen))];
}

describe('the committed GraphQL schema', () => {
  it('is built from every resolver the application provides', () => {
    const served = providerClasses(AppModule).filter((p) => Reflect.hasMetadata(RESOLVER_TYPE_METADATA, p as object));
    expect(new Set(served)).toEqual(new Set(GATEWAY_RESOLVERS));
  });

  it(`matches the resolvers (regenerate it with \`npm run schema\`)`, async () => {
    const generated = await printGatewaySchema();
    const committed = readFileSync(join(ROOT, COMMITTED_SCHEMA_PATH), 'utf8');
    if (generated !== committed) {
      throw new Error(`${COMMITTED_SCHEMA_PATH} differs from the schema the resolvers define; run \`npm run schema\` and commit it`);
    }
    expect(generated).toContain('type Query');
  }, 60_000);
});
