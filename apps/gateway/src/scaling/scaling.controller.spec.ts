import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import type { GatewayEnv, Logger } from '@kernel-sweep/config';
import type { TrialQueueCounter } from '@kernel-sweep/orchestration';
import { ScalingController } from './scaling.controller';
import { TrialDemandService } from './trial-demand.service';

function controllerWith(unfinished: (queue: string) => Promise<number>) {
  const counter = { unfinished: jest.fn(unfinished) };
  const cfg = { KS_TASK_QUEUE_CPU: 'trials-cpu', KS_TASK_QUEUE_GPU: 'trials-gpu' } as GatewayEnv;
  const log = { warn: jest.fn() } as unknown as Logger;
  const demand = new TrialDemandService(counter as unknown as TrialQueueCounter, cfg);
  return { controller: new ScalingController(demand, log), counter, log };
}

describe('ScalingController', () => {
  it('answers the unfinished trials of a trial queue, counted once per cache period', async () => {
    const { controller, counter } = controllerWith((q) => Promise.resolve(q === 'trials-gpu' ? 3 : 0));
    await expect(controller.trials('trials-gpu')).resolves.toEqual({ queue: 'trials-gpu', trials: 3 });
    await expect(controller.trials('trials-gpu')).resolves.toEqual({ queue: 'trials-gpu', trials: 3 });
    await expect(controller.trials('trials-cpu')).resolves.toEqual({ queue: 'trials-cpu', trials: 0 });
    expect(counter.unfinished).toHaveBeenCalledTimes(2);
  });

  it.each([undefined, '', 'sweeps', ['trials-cpu', 'trials-gpu']])('refuses queue=%p with 400', async (queue) => {
    const { controller, counter } = controllerWith(() => Promise.resolve(1));
    await expect(controller.trials(queue)).rejects.toBeInstanceOf(BadRequestException);
    expect(counter.unfinished).not.toHaveBeenCalled();
  });

  it('answers 503 (never 0) when Temporal cannot count', async () => {
    const { controller, log } = controllerWith(() => Promise.reject(new Error('14 UNAVAILABLE')));
    await expect(controller.trials('trials-cpu')).rejects.toBeInstanceOf(ServiceUnavailableException);
    expect(log.warn).toHaveBeenCalled();
  });
});
