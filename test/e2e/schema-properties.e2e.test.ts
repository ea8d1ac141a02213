import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { buildSchema } from 'graphql';
import { hashApiKey } from '../../apps/gateway/src/auth/api-keys';
import { startGateway } from '../support/gateway-app';
import { freshSuffix, privateQueues, stackEnv } from '../support/stack-env';
import { rootOperationsArb, type GeneratedOperation } from '../support/schema-arbitraries';
import { temporalWorkflowList } from '../support/temporal-cli';

const suffix = freshSuffix();
const env = { ...stackEnv(), ...privateQueues(suffix) };
// An owner of this run alone, so the workflows it may have started are listed by it.
const owner = `schema${suffix}`;
const apiKey = `key-${suffix}`;
const schemaText = readFileSync(join(__dirname, '../../apps/gateway/schema.graphql'), 'utf8');

/** What the gateway answered to one generated operation. */
interface Answer {
  status: number;
  errors: { message: string; extensions?: { code?: string; field?: string } }[];
  data: Record<string, { id?: string } | null> | null;
}

/**
 * Operations generated from the committed schema (every query and mutation, arguments of every
 * type: empty, blank, malformed and unknown IDs, out-of-range numbers, random strings and enums)
 * against the real gateway, Temporal and SeaweedFS. No input the schema allows may answer a
 * server error, and none but a valid `createSweep` may start a workflow.
 */
describe('operations generated from the schema', () => {
  let app: INestApplication;
  let server: App;
  const created = new Set<string>();

  beforeAll(async () => {
    ({ app, server } = await startGateway({
      ...env,
      KS_API_KEYS: `${owner}:${hashApiKey(apiKey)}`,
      LOG_LEVEL: 'fatal',
      KS_RATE_LIMIT_BURST: '100000',
      KS_RATE_LIMIT_PER_SECOND: '100000',
    }));
  });

  afterAll(async () => {
    // A valid createSweep the generator happened to make starts a sweep on private queues no worker polls.
    const bin = join(__dirname, '../../.tools/bin/temporal');
    for (const id of created)
      execFileSync(
        existsSync(bin) ? bin : 'temporal',
        [
          'workflow',
          'terminate',
          '--address',
          env.TEMPORAL_ADDRESS,
          '--workflow-id',
          id,
          '--reason',
          'test cleanup',
        ],
        {
          stdio: 'ignore',
        },
      );
    await app?.close();
  });

  async function send(op: GeneratedOperation): Promise<Answer> {
    const res = await request(server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('x-api-key', apiKey)
      .send({ query: op.query, variables: op.variables });
    const body = (res.body ?? {}) as Partial<Answer>;
    return { status: res.status, errors: body.errors ?? [], data: body.data ?? null };
  }

  it('never answer a server error, and start no workflow for input they refuse', async () => {
    const schema = buildSchema(schemaText);
    const fields = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(rootOperationsArb(schema), async (op) => {
        fields.set(op.field, (fields.get(op.field) ?? 0) + 1);
        const answer = await send(op);
        const detail = `${op.field} ${JSON.stringify(op.variables).slice(0, 300)} -> ${answer.status} ${JSON.stringify(answer.errors).slice(0, 300)}`;
        expect([answer.status, detail]).not.toEqual([500, detail]);
        for (const e of answer.errors) {
          expect([e.extensions?.code, detail]).not.toEqual(['INTERNAL_SERVER_ERROR', detail]);
          expect([typeof e.extensions?.code, detail]).toEqual(['string', detail]);
        }
        const sweep = op.field === 'createSweep' ? answer.data?.createSweep : undefined;
        if (sweep?.id) created.add(sweep.id);
      }),
      { numRuns: 400, seed: 20261208, endOnFailure: true },
    );
    // Every root field was tried.
    const roots = [schema.getQueryType(), schema.getMutationType()].flatMap((t) =>
      Object.keys(t?.getFields() ?? {}),
    );
    expect([...fields.keys()].sort()).toEqual([...roots].sort());
    // The only workflows of this owner are the sweeps a createSweep answered with.
    const started = temporalWorkflowList(env.TEMPORAL_ADDRESS, `Owner = "${owner}"`).map((w) => w.workflowId);
    expect(started.sort()).toEqual([...created].sort());
  }, 300_000);

  it('refuses an empty or malformed sweep ID with BAD_USER_INPUT naming the argument, and an unknown one with NOT_FOUND', async () => {
    const cases: [string, string, string][] = [
      ['query ($id: ID!) { sweep(id: $id) { id } }', 'id', 'sweep'],
      ['query ($id: ID!) { sweepResults(sweepId: $id) { trials } }', 'sweepId', 'sweepResults'],
      ['query ($id: ID!) { verdict(sweepId: $id) { __typename } }', 'sweepId', 'verdict'],
      ['query ($id: ID!) { mainEffects(sweepId: $id) { __typename } }', 'sweepId', 'mainEffects'],
      ['query ($id: ID!) { sweepReport(sweepId: $id) { __typename } }', 'sweepId', 'sweepReport'],
      ['query ($id: ID!) { trials(sweepId: $id) { totalCount } }', 'sweepId', 'trials'],
      ['mutation ($id: ID!) { cancelSweep(id: $id) { id } }', 'id', 'cancelSweep'],
      ['mutation ($id: ID!) { pauseSweep(id: $id) { id } }', 'id', 'pauseSweep'],
      ['mutation ($id: ID!) { resumeSweep(id: $id) { id } }', 'id', 'resumeSweep'],
    ];
    for (const [query, argument, field] of cases) {
      for (const id of ['', 'sw-XYZ', ' sw-0123456789abcdef0123']) {
        const answer = await send({ field, kind: 'query', query, variables: { id } });
        expect({
          field,
          id,
          code: answer.errors[0]?.extensions?.code,
          argument: answer.errors[0]?.extensions?.field,
        }).toEqual({
          field,
          id,
          code: 'BAD_USER_INPUT',
          argument,
        });
      }
      const unknown = await send({
        field,
        kind: 'query',
        query,
        variables: { id: 'sw-0123456789abcdef0123' },
      });
      expect({ field, code: unknown.errors[0]?.extensions?.code }).toEqual({ field, code: 'NOT_FOUND' });
    }
    const page = await request(server).get('/reports/sw-XYZ/report.html').set('x-api-key', apiKey);
    expect(page.status).toBe(400);
  });
});
