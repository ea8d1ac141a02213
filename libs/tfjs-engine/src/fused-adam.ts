import * as tf from '@tensorflow/tfjs';

/** A named tensor as optimizers exchange them (tfjs-core's `NamedTensor`, not re-exported by tfjs). */
type NamedTensor = { name: string; tensor: tf.Tensor };

/** The moments of the variable at one position of the gradient list (tfjs Adam's slots are positional too). */
interface Slot {
  /** The variable's name when the slot was made (or as saved): the saved names are `<name>/m`, `<name>/v`. */
  name: string;
  shape: number[];
  size: number;
  /**
   * While the slot is not packed into the flat vectors: its own variables (variables, as tfjs
   * Adam's slots are, so a caller that frees the non-variable tensors of `getWeights` keeps them).
   */
  m?: tf.Variable;
  v?: tf.Variable;
}

/** Adam's accumulated β powers (β1ᵗ⁺¹, β2ᵗ⁺¹ after t steps), float32 values as plain numbers. */
export interface BetaPowers {
  beta1: number;
  beta2: number;
}

/**
 * β after `steps` updates as training accumulates it: β in float32, times β once per step, each
 * product rounded to float32 (a product of two float32 values is exact in a double, so one
 * `Math.fround` per step is the backend's float32 multiply).
 */
export function accumulatedPower(beta: number, steps: number): number {
  const b = Math.fround(beta);
  let acc = b;
  for (let i = 0; i < steps; i++) acc = Math.fround(acc * b);
  return acc;
}

/**
 * True for a {@link FusedAdamOptimizer}. Not `instanceof`: tfjs's `Optimizer` answers it by duck
 * typing (any optimizer is an "instance" of every optimizer class), so SGD would pass.
 */
export function isFusedAdam(optimizer: tf.Optimizer | undefined): optimizer is FusedAdamOptimizer {
  return typeof (optimizer as Partial<FusedAdamOptimizer> | undefined)?.getBetaPowers === 'function';
}

/** Slots packed into two flat vectors, in the order of `positions`. */
interface Packed {
  positions: number[];
  flatM: tf.Variable;
  flatV: tf.Variable;
}

/**
 * Adam with every variable's update done in one pass over a flat vector ("multi-tensor" Adam,
 * as PyTorch's `foreach`/`fused` Adam), instead of ~16 small ops per variable. Same
 * arithmetic as `tf.train.adam`, element by element, in the same order:
 * `m ← β1·m + (1−β1)·g`, `v ← β2·v + (1−β2)·g²`, `w ← w − lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ε)`,
 * so the trained weights are the same (the spec checks it on each backend). Per-op overhead
 * dominates a small CNN's step (tfjs-node: ~25-40 µs an op): on the reference CNN this turns
 * ~100 optimizer ops a step into ~40 (one pass of ~14 ops, plus packing and unpacking).
 *
 * It serialises as `Adam` with tfjs's config and the same weights (`iter`, then `<var>/m` for
 * every variable, then `<var>/v`), so checkpoints move freely between the two; restoring them
 * replays the accumulated β powers as training multiplies them (tfjs Adam takes a power, a few
 * ulps off), and {@link getBetaPowers}/{@link setBetaPowers} carry them exactly; importing this
 * module registers it as the class `tf.loadLayersModel` builds for `Adam`. As with tfjs Adam,
 * the variables {@link getWeights} returns belong to the optimizer and the other tensors (`iter`,
 * views of the packed moments) to the caller; views the caller keeps are freed at the next
 * update, `setWeights` or `dispose`. As in tfjs, moments belong to positions in the gradient list (a model
 * loaded from a checkpoint has renamed variables), and a variable without a gradient keeps its
 * moments and its value.
 */
export class FusedAdamOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'Adam';
  }

  private readonly epsilon: number;
  private accBeta1: tf.Variable;
  private accBeta2: tf.Variable;
  private slots: Slot[] = [];
  private packed?: Packed;
  private constants?: Record<'b1' | 'oneMinusB1' | 'b2' | 'oneMinusB2' | 'eps' | 'negLr' | 'one', tf.Scalar>;
  private exported: tf.Tensor[] = [];
  private disposed = false;

  constructor(
    private readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    epsilon: number | null = null,
  ) {
    super();
    this.epsilon = epsilon ?? tf.backend().epsilon();
    [this.accBeta1, this.accBeta2] = tf.tidy(() => [
      tf.scalar(beta1).variable(false),
      tf.scalar(beta2).variable(false),
    ]);
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    this.assertLive();
    const given: Array<{ name: string; tensor: tf.Tensor | null }> = Array.isArray(variableGradients)
      ? variableGradients.map((g) => ({ name: g.name, tensor: g.tensor }))
      : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    const variables = given.map((g) => {
      const v = tf.engine().registeredVariables[g.name];
      if (!v) throw new Error(`Adam: no variable named ${g.name}`);
      return v;
    });
    const positions = given.flatMap((g, i) => (g.tensor != null ? [i] : []));
    if (positions.length === 0) return;
    this.releaseExported();
    const packed = this.packFor(variables, positions);
    const c = this.constantsFor();
    tf.tidy(() => {
      const grads = positions.map((i) => tf.reshape(given[i].tensor as tf.Tensor, [-1]));
      const g = grads.length === 1 ? grads[0] : tf.concat(grads);
      const m = tf.add(tf.mul(packed.flatM, c.b1), tf.mul(g, c.oneMinusB1));
      const v = tf.add(tf.mul(packed.flatV, c.b2), tf.mul(tf.square(g), c.oneMinusB2));
      const mHat = tf.div(m, tf.sub(c.one, this.accBeta1));
      const vHat = tf.div(v, tf.sub(c.one, this.accBeta2));
      packed.flatM.assign(m);
      packed.flatV.assign(v);
      const step = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), c.eps)), c.negLr);
      const parts =
        positions.length === 1
          ? [step]
          : tf.split(
              step,
              positions.map((i) => this.slots[i].size),
            );
      positions.forEach((i, k) =>
        variables[i].assign(tf.add(tf.reshape(parts[k], variables[i].shape), variables[i])),
      );
      this.accBeta1.assign(tf.mul(this.accBeta1, c.b1));
      this.accBeta2.assign(tf.mul(this.accBeta2, c.b2));
    });
    this.incrementIterations();
  }

  override async getWeights(): Promise<NamedTensor[]> {
    this.assertLive();
    const m = this.slots.map((_, i) => this.slotTensor(i, 'm'));
    const v = this.slots.map((_, i) => this.slotTensor(i, 'v'));
    return [
      await this.saveIterations(),
      ...this.slots.map((s, i) => ({ name: `${s.name}/m`, tensor: m[i] })),
      ...this.slots.map((s, i) => ({ name: `${s.name}/v`, tensor: v[i] })),
    ];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    this.assertLive();
    const rest = await this.extractIterations(weightValues);
    // tfjs Adam recomputes these as pow(β, t+1), which differs in the last bits from the product
    // an unbroken run accumulates; replaying the product keeps a resumed run on the same weights.
    this.setBetaPowers({
      beta1: accumulatedPower(this.beta1, this.iterations_),
      beta2: accumulatedPower(this.beta2, this.iterations_),
    });
    const count = rest.length / 2;
    // New slots first (they share the given tensors' data), then the old state goes: the given
    // tensors may be this optimizer's own getWeights() views.
    const slots: Slot[] = rest.slice(0, count).map((w, i) => ({
      name: w.name.replace(/\/m$/, ''),
      shape: w.tensor.shape,
      size: w.tensor.size,
      m: tf.variable(w.tensor, false),
      v: tf.variable(rest[count + i].tensor, false),
    }));
    this.releaseExported();
    this.disposeSlots();
    this.slots = slots;
  }

  /**
   * The accumulated β1ᵗ⁺¹ and β2ᵗ⁺¹ the next update divides by, as float32 values. They are not
   * part of {@link getWeights} (tfjs Adam's format has no place for them): a checkpoint that
   * must resume bit for bit saves them next to it.
   */
  getBetaPowers(): BetaPowers {
    this.assertLive();
    return { beta1: this.accBeta1.dataSync()[0], beta2: this.accBeta2.dataSync()[0] };
  }

  /** Restores what {@link getBetaPowers} gave (call after `setWeights`, which sets them from the step count). */
  setBetaPowers(powers: BetaPowers): void {
    this.assertLive();
    tf.tidy(() => {
      this.accBeta1.assign(tf.scalar(powers.beta1));
      this.accBeta2.assign(tf.scalar(powers.beta2));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const make = cls as unknown as new (lr: number, b1: number, b2: number, eps: number) => T;
    return new make(
      config.learningRate as number,
      config.beta1 as number,
      config.beta2 as number,
      config.epsilon as number,
    );
  }

  override dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.releaseExported();
    this.disposeSlots();
    this.accBeta1.dispose();
    this.accBeta2.dispose();
    if (this.constants) tf.dispose(Object.values(this.constants));
    this.constants = undefined;
  }

  /**
   * The flat vectors for the slots at `positions`, repacked when the positions changed: slots
   * are made (zeros) for every position of the list, as tfjs Adam does, and keep their moments
   * through a repack.
   */
  private packFor(variables: tf.Variable[], positions: number[]): Packed {
    const current = this.packed;
    if (
      current &&
      current.positions.length === positions.length &&
      current.positions.every((p, k) => p === positions[k])
    )
      return current;
    this.unpack();
    variables.forEach((variable, i) => {
      this.slots[i] ??= {
        name: variable.name,
        shape: variable.shape,
        size: variable.size,
        m: tf.tidy(() => tf.zerosLike(variable).variable(false)),
        v: tf.tidy(() => tf.zerosLike(variable).variable(false)),
      };
      if (this.slots[i].size !== variable.size)
        throw new Error(
          `Adam: slot ${i} holds ${this.slots[i].size} values, variable ${variable.name} has ${variable.size}`,
        );
    });
    const [flatM, flatV] = tf.tidy(() => {
      const flat = (k: 'm' | 'v') =>
        tf.concat(positions.map((i) => tf.reshape(this.slots[i][k] as tf.Tensor, [-1])));
      return [flat('m').variable(false), flat('v').variable(false)];
    });
    for (const i of positions) {
      tf.dispose([this.slots[i].m, this.slots[i].v]);
      this.slots[i].m = this.slots[i].v = undefined;
    }
    this.packed = { positions, flatM, flatV };
    return this.packed;
  }

  /** Moves the packed slots back into per-slot tensors. */
  private unpack(): void {
    const packed = this.packed;
    if (!packed) return;
    this.releaseExported();
    const sizes = packed.positions.map((i) => this.slots[i].size);
    tf.tidy(() => {
      const split = (flat: tf.Tensor) => (sizes.length === 1 ? [flat] : tf.split(flat, sizes));
      const [ms, vs] = [split(packed.flatM), split(packed.flatV)];
      packed.positions.forEach((i, k) => {
        this.slots[i].m = tf.reshape(ms[k], this.slots[i].shape).variable(false);
        this.slots[i].v = tf.reshape(vs[k], this.slots[i].shape).variable(false);
      });
    });
    packed.flatM.dispose();
    packed.flatV.dispose();
    this.packed = undefined;
  }

  /** Slot `i`'s moment `k`: its own tensor, or a view split from the flat vector (released at the next update). */
  private slotTensor(i: number, k: 'm' | 'v'): tf.Tensor {
    const own = this.slots[i][k];
    if (own) return own;
    const packed = this.packed as Packed;
    const at = packed.positions.indexOf(i);
    const offset = packed.positions.slice(0, at).reduce((n, p) => n + this.slots[p].size, 0);
    const t = tf.tidy(() =>
      tf.keep(
        tf.reshape(
          tf.slice(k === 'm' ? packed.flatM : packed.flatV, [offset], [this.slots[i].size]),
          this.slots[i].shape,
        ),
      ),
    );
    this.exported.push(t);
    return t;
  }

  private constantsFor(): NonNullable<FusedAdamOptimizer['constants']> {
    this.constants ??= tf.tidy(() => {
      const k = (x: number) => tf.keep(tf.scalar(x));
      return {
        b1: k(this.beta1),
        oneMinusB1: k(1 - this.beta1),
        b2: k(this.beta2),
        oneMinusB2: k(1 - this.beta2),
        eps: k(this.epsilon),
        negLr: k(-this.learningRate),
        one: k(1),
      };
    });
    return this.constants;
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('Adam: this optimizer was disposed');
  }

  private releaseExported(): void {
    tf.dispose(this.exported);
    this.exported = [];
  }

  private disposeSlots(): void {
    if (this.packed) {
      this.packed.flatM.dispose();
      this.packed.flatV.dispose();
      this.packed = undefined;
    }
    for (const s of this.slots) tf.dispose([s.m, s.v].filter((t): t is tf.Variable => t != null));
    this.slots = [];
  }
}

tf.serialization.registerClass(FusedAdamOptimizer);
