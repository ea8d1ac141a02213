import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { hashApiKey } from '../../apps/gateway/src/auth/api-keys';
import { startGateway } from '../support/gateway-app';
import { ensureSearchAttributes } from '../support/search-attributes';
import { eventually, SweepHarness } from '../support/sweep-harness';
import { temporalWorkflowList } from '../support/temporal-cli';

const TRIALS = 6;
const LANES = 3;

/**
 * KEDA's view of a sweep: the gateway counts a trial queue's unfinished trials from Temporal
 * visibility. A worker serves only the sweeps queue at first, so the sweep's first trials wait
 * on the trial queue and the count holds still; a dry-run trial worker then finishes them.
 */
describe('GET /internal/scaling/trials on the real stack', () => {
  const h = new SweepHarness();
  let app: INestApplication;
  let server: App;

  const trials = (queue: string) => request(server).get('/internal/scaling/trials').query({ queue });

  beforeAll(async () => {
    await h.connect();
    await ensureSearchAttributes(h.client.connection, h.env.TEMPORAL_NAMESPACE);
    await h.worker(['sweeps']);
    ({ app, server } = await startGateway({ ...h.env, KS_API_KEYS: `ops:${hashApiKey(`ops-${h.suffix}`)}`, LOG_LEVEL: 'warn' }));
  });

  afterAll(async () => {
    await app?.close();
    await h.close();
  });

  it('refuses a queue that is not a trial queue, with no API key needed for a known one', async () => {
    await trials('sweeps').expect(400);
    await request(server).get('/internal/scaling/trials').expect(400);
    const idle = await trials(h.env.KS_TASK_QUEUE_GPU).expect(200);
    expect(idle.body).toEqual({ queue: h.env.KS_TASK_QUEUE_GPU, trials: 0 });
  });

  it('counts the unfinished trials of a sweep in flight, and 0 once it has finished', async () => {
    const queue = h.env.KS_TASK_QUEUE_CPU;
    const id = await h.start({
      name: 'scaling signal',
      dataset: { name: 'synthetic', trainLimit: 64, testLimit: 32 },
      grid: { kernels: [{ family: 'gaussian' }, { family: 'sobel' }, { family: 'learned' }], freeze: ['TRAIN_ALL'], seeds: [1, 2], learningRates: [0.01], epochs: [1] },
      maxParallelTrials: LANES,
    });
    const running = () => temporalWorkflowList(h.env.TEMPORAL_ADDRESS, `SweepId = '${id}' AND WorkflowType = 'trialWorkflow' AND ExecutionStatus = 'Running'`);
    // No trial worker yet: the sweep fills its lanes and those trials wait for one.
    await eventually(async () => (running().length === LANES ? true : undefined), 60_000, 'the sweep to fill its lanes');
    const inFlight = await eventually(
      async () => {
        const res = await trials(queue).expect(200);
        return (res.body as { trials: number }).trials === LANES ? (res.body as { queue: string; trials: number }) : undefined;
      },
      20_000,
      'the count to reach the lanes in flight',
    );
    expect(inFlight).toEqual({ queue, trials: running().length });
    expect(inFlight.trials).toBeLessThan(TRIALS);

    await h.worker(['trials'], { WORKER_DRY_RUN: 'true' });
    const outcome = await h.result(id);
    expect(outcome.progress).toMatchObject({ total: TRIALS, completed: TRIALS });
    expect(running()).toHaveLength(0);
    await eventually(
      async () => {
        const res = await trials(queue).expect(200);
        return (res.body as { trials: number }).trials === 0 ? true : undefined;
      },
      20_000,
      'the count to fall to 0',
    );
  });
});
