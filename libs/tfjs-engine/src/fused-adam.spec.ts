import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend';
import { accumulatedPower, FusedAdamOptimizer, isFusedAdam } from './fused-adam';

/** β1ᵗ⁺¹ and β2ᵗ⁺¹ for t = 0..steps as the backend accumulates them during training (one `mul` a step). */
function backendProducts(beta: number, steps: number): number[] {
  return tf.tidy(() => {
    const b = tf.scalar(beta);
    let acc = tf.scalar(beta);
    const out = [acc.dataSync()[0]];
    for (let t = 1; t <= steps; t++) {
      acc = tf.mul(acc, b);
      out.push(acc.dataSync()[0]);
    }
    return out;
  });
}

describe.each(['cpu', 'wasm'] as const)('FusedAdamOptimizer restore on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('replays the β powers bit for bit as training multiplies them, where a power differs', () => {
    for (const beta of [0.9, 0.999]) {
      const products = backendProducts(beta, 1000);
      expect(products.map((_, t) => accumulatedPower(beta, t))).toEqual(products);
    }
    // What the restore used to do: pow(β2, t+1) is off in the last bits after 32 steps.
    const pow = tf.tidy(() => tf.pow(0.999, 33).dataSync()[0]);
    expect(pow).not.toBe(accumulatedPower(0.999, 32));
  });

  it('continues from its own saved state exactly as without the interruption', async () => {
    const make = (name: string) =>
      tf.variable(tf.tensor1d([0.5, -1, 2, 0.25]), true, `fusedAdamRestore/${backend}/${name}`);
    const grad = (t: number) => tf.tensor1d([Math.sin(t), Math.cos(t), 0.3, -0.7 * Math.sin(2 * t)]);
    const step = (opt: FusedAdamOptimizer, v: tf.Variable, t: number) => {
      const g = grad(t);
      opt.applyGradients({ [v.name]: g });
      g.dispose();
    };
    const [straightVar, straight] = [make('straight'), new FusedAdamOptimizer(0.01)];
    for (let t = 0; t < 40; t++) step(straight, straightVar, t);

    const [firstVar, first] = [make('first'), new FusedAdamOptimizer(0.01)];
    for (let t = 0; t < 32; t++) step(first, firstVar, t);
    const state = await first.getWeights();
    const [resumedVar, resumed] = [
      tf.variable(firstVar, true, `fusedAdamRestore/${backend}/resumed`),
      new FusedAdamOptimizer(0.01),
    ];
    await resumed.setWeights(state);
    expect(resumed.getBetaPowers()).toEqual(first.getBetaPowers());
    for (let t = 32; t < 40; t++) step(resumed, resumedVar, t);
    expect(Array.from(resumedVar.dataSync())).toEqual(Array.from(straightVar.dataSync()));
    expect(resumed.getBetaPowers()).toEqual(straight.getBetaPowers());

    // Powers saved apart (a checkpoint's training state) come back as they were.
    resumed.setBetaPowers({ beta1: 0.5, beta2: 0.25 });
    expect(resumed.getBetaPowers()).toEqual({ beta1: 0.5, beta2: 0.25 });
    tf.dispose([state[0].tensor, straightVar, firstVar, resumedVar]);
    [straight, first, resumed].forEach((o) => o.dispose());
  });
});

describe('isFusedAdam', () => {
  it('tells the fused optimizer from others, which instanceof does not (tfjs duck-types it)', () => {
    const [fused, sgd] = [new FusedAdamOptimizer(0.1), tf.train.sgd(0.1)];
    expect(sgd instanceof FusedAdamOptimizer).toBe(true);
    expect([isFusedAdam(fused), isFusedAdam(sgd), isFusedAdam(undefined)]).toEqual([true, false, false]);
    fused.dispose();
    sgd.dispose();
  });
});
