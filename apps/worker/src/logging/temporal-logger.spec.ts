import { Writable } from 'node:stream';
import { createLogger } from '@kernel-sweep/config';
import { PinoTemporalLogger } from './temporal-logger';

describe('PinoTemporalLogger', () => {
  it("writes Temporal's log calls as the worker's pino lines, at the matching level, with the sweep and trial IDs", () => {
    let text = '';
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        done();
      },
    });
    const logger = new PinoTemporalLogger(createLogger('worker', 'debug', out));
    logger.warn('feature preparation failed', { workflowId: 'sw-abc123', sdkComponent: 'workflow' });
    logger.log('ERROR', 'activity failed', { workflowId: 'sw-abc123.t-7', taskToken: 'dG9rZW4=' });
    logger.trace('below the level');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, app: 'worker', msg: 'feature preparation failed', sweepId: 'sw-abc123', sdkComponent: 'workflow' }),
      expect.objectContaining({ level: 50, msg: 'activity failed', sweepId: 'sw-abc123', trialId: 't-7', workflowId: 'sw-abc123.t-7' }),
    ]);
    expect(lines[1]).not.toHaveProperty('taskToken');
  });
});
