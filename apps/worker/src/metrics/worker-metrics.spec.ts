import { WorkerMetrics } from './worker-metrics';

const epoch = { epoch: 1, trainLoss: 0.5, trainAccuracy: 0.8, testLoss: 0.6, testAccuracy: 0.78, seconds: 2.5, imagesPerSecond: 4000 };

describe('WorkerMetrics', () => {
  it('exposes training, cache and S3 figures under their documented names', async () => {
    const m = new WorkerMetrics();
    m.backend = 'wasm';
    m.epochEnded(epoch);
    m.trialEnded('COMPLETED', 12);
    m.checkpointWritten();
    m.featureLookup('s3');
    m.featureLookup('computed');
    m.request('put', 0.02, 1000, true);
    m.request('get', 0.01, 250, true);
    m.request('get', 0.5, 0, false);
    const text = await m.registry.metrics();
    expect(text).toContain('ks_training_images_per_second{backend="wasm"} 4000');
    expect(text).toContain('ks_training_epoch_duration_seconds_count{backend="wasm"} 1');
    expect(text).toContain('ks_training_trial_duration_seconds_count{backend="wasm",status="COMPLETED"} 1');
    expect(text).toContain('ks_training_checkpoint_writes_total 1');
    expect(text).toContain('ks_feature_cache_lookups_total{source="s3",result="hit"} 1');
    expect(text).toContain('ks_feature_cache_lookups_total{source="computed",result="miss"} 1');
    expect(text).toContain('ks_s3_bytes_total{operation="put"} 1000');
    expect(text).toContain('ks_s3_bytes_total{operation="get"} 250');
    expect(text).toContain('ks_s3_request_duration_seconds_count{operation="get",outcome="error"} 1');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('keeps a registry per instance, so two in one process do not collide', () => {
    expect(() => [new WorkerMetrics(), new WorkerMetrics()]).not.toThrow();
  });
});
