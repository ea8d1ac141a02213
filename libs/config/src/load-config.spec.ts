import { ConfigError, loadConfig } from './load-config';
import { DEFAULT_PACK_SIZE, gatewayEnvSchema, workerEnvRules, workerEnvSchema } from './env-schema';

const key = `local:${'a'.repeat(64)}`;

describe('loadConfig', () => {
  it('fills defaults for the local stack', () => {
    const cfg = loadConfig(gatewayEnvSchema, { KS_API_KEYS: key });
    expect(cfg.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
    expect(cfg.GATEWAY_PORT).toBe(3000);
    expect(cfg.S3_FORCE_PATH_STYLE).toBe(true);
  });

  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig(gatewayEnvSchema, { TEMPORAL_ADDRESS: 'nohost', GATEWAY_PORT: '70000', S3_BUCKET: 'Bad_Bucket' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const vars = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(vars).toEqual(['GATEWAY_PORT', 'KS_API_KEYS', 'S3_BUCKET', 'TEMPORAL_ADDRESS']);
  });

  it('takes pack sizes from 1 to 256 and refuses others, naming the variable', () => {
    const cfg = loadConfig(gatewayEnvSchema, { KS_API_KEYS: key, KS_PACK_SIZE: '1', KS_PACK_SIZE_GPU: '128' });
    expect([cfg.KS_PACK_SIZE, cfg.KS_PACK_SIZE_GPU]).toEqual([1, 128]);
    expect(loadConfig(gatewayEnvSchema, { KS_API_KEYS: key }).KS_PACK_SIZE).toBe(DEFAULT_PACK_SIZE.cpu);
    for (const bad of ['0', '2.5', '257', 'many'])
      expect(() => loadConfig(gatewayEnvSchema, { KS_API_KEYS: key, KS_PACK_SIZE: bad })).toThrow(/KS_PACK_SIZE:/);
    expect(() => loadConfig(gatewayEnvSchema, { KS_API_KEYS: key, KS_PACK_SIZE_GPU: '-4' })).toThrow(/KS_PACK_SIZE_GPU:/);
    expect(() => loadConfig(workerEnvSchema, { WORKER_PACK_MAX_BYTES: '0' })).toThrow(/WORKER_PACK_MAX_BYTES:/);
  });

  it('parses worker queues and treats empty strings as unset', () => {
    const cfg = loadConfig(workerEnvSchema, { WORKER_TASK_QUEUES: 'sweeps, trials-gpu', S3_ENDPOINT: '' });
    expect(cfg.WORKER_TASK_QUEUES).toEqual(['sweeps', 'trials-gpu']);
    expect(cfg.S3_ENDPOINT).toBeUndefined();
  });

  it('leaves pod deletion cost off by default and needs the pod identity to turn it on', () => {
    expect(loadConfig(workerEnvRules, {}).WORKER_POD_DELETION_COST).toBe(false);
    const pod = { POD_NAME: 'worker-cpu-7d9f-abcde', POD_NAMESPACE: 'kernel-sweep', KUBERNETES_SERVICE_HOST: '10.96.0.1' };
    const on = loadConfig(workerEnvRules, { WORKER_POD_DELETION_COST: 'true', ...pod });
    expect(on).toMatchObject({ WORKER_POD_DELETION_COST: true, ...pod, KUBERNETES_SERVICE_PORT: 443 });
    expect(() => loadConfig(workerEnvRules, { WORKER_POD_DELETION_COST: 'true', POD_NAME: 'w-1' })).toThrow(/POD_NAMESPACE: required when WORKER_POD_DELETION_COST/);
    expect(() => loadConfig(workerEnvRules, { WORKER_POD_DELETION_COST: 'true', POD_NAME: 'w-1' })).toThrow(/KUBERNETES_SERVICE_HOST: required/);
  });

  it('refuses pod names that are not Kubernetes names', () => {
    expect(() => loadConfig(workerEnvRules, { WORKER_POD_DELETION_COST: 'true', POD_NAME: 'Worker_1', POD_NAMESPACE: 'ks', KUBERNETES_SERVICE_HOST: 'k' })).toThrow(/POD_NAME: must be a Kubernetes object name/);
  });
});
