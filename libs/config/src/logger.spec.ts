import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, lines: () => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON object per line, tagged with the app, child fields included', () => {
    const out = capture();
    createLogger('worker', 'info', out.stream).child({ sweepId: 'sw-1', trialId: 't-1' }).info({ epoch: 2 }, 'epoch done');
    expect(out.lines()).toEqual([expect.objectContaining({ app: 'worker', name: 'worker', level: 30, msg: 'epoch done', sweepId: 'sw-1', trialId: 't-1', epoch: 2 })]);
  });

  it('drops credential headers of logged requests', () => {
    const out = capture();
    const headers = { 'x-api-key': 'secret-key', authorization: 'Bearer secret', 'content-type': 'application/json' };
    createLogger('gateway', 'info', out.stream).info({ req: { method: 'POST', url: '/graphql', headers } }, 'request completed');
    const [line] = out.lines();
    expect(JSON.stringify(line)).not.toContain('secret');
    expect(line.req).toEqual({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' } });
  });
});
