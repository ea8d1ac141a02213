import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMITTED_SCHEMA_PATH, printGatewaySchema } from './schema';

const ROOT = join(__dirname, '../../../..');

describe('the committed GraphQL schema', () => {
  it(`matches the resolvers (regenerate it with \`npm run schema\`)`, async () => {
    const generated = await printGatewaySchema();
    const committed = readFileSync(join(ROOT, COMMITTED_SCHEMA_PATH), 'utf8');
    if (generated !== committed) {
      throw new Error(`${COMMITTED_SCHEMA_PATH} differs from the schema the resolvers define; run \`npm run schema\` and commit it`);
    }
    expect(generated).toContain('type Query');
  }, 60_000);
});
