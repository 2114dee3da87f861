import * as tf from '../tf';
import { adamMoments, adamParam, fusedAdamOn } from '../model/fusedKernels';
import { flattenGradients } from './weighting/flatten';

const BETA1 = 0.9;
const BETA2 = 0.999;

/**
 * Adam over a fixed list of variables, updated as one flat vector. tfjs's
 * Adam runs about 14 kernels per variable; this runs them once per group on
 * the concatenated gradients (once for all groups that step together:
 * applyTogether), then one slice per variable: on a GPU a step
 * is dominated by kernel launches, not by arithmetic. Same update as
 * tf.train.adam (β1 0.9, β2 0.999, ε of the backend): bias corrections are
 * folded into two scalars computed on the CPU.
 *
 * The variables must come in the same order at every call (checked by
 * name), so a group's state never moves between variables.
 */
export class FlatAdam {
  private names: readonly string[] | null = null;
  private sizes: readonly number[] = [];
  private m: tf.Variable | null = null;
  private v: tf.Variable | null = null;
  /** [m; v] while the fused path steps (see joinedMoments). */
  private moments: tf.Variable<tf.Rank.R1> | null = null;
  private t = 0;
  /** The schedule's factor on the rate at the coming step (src/train/learningRate.ts). */
  rateFactor = 1;

  constructor(private readonly learningRate: number) {}

  /** Updates `variables` from their gradients (by name), optionally scaled (a gradient clip). */
  applyGradients(
    grads: Readonly<Record<string, tf.Tensor>>,
    variables: readonly tf.Variable[],
    scale?: tf.Scalar,
  ): void {
    if (Object.keys(grads).length !== variables.length || variables.some((v) => !grads[v.name])) {
      throw new Error(`FlatAdam: the gradients must name the same ${variables.length} variables as the list`);
    }
    tf.tidy(() => this.applyFlat(flattenGradients(variables.map((v) => grads[v.name] as tf.Tensor)), variables, scale));
  }

  /** Updates `variables` from their gradients flattened in the same order (flattenGradients). */
  applyFlat(flat: tf.Tensor1D, variables: readonly tf.Variable[], scale?: tf.Scalar): void {
    FlatAdam.applyTogether([{ optimizer: this, variables }], flat, scale);
  }

  /**
   * Whether these optimizers can take one step together (applyTogether):
   * the same learning rate and the same number of steps taken, so one pair
   * of bias corrections serves them all. A group skipped by a schedule falls
   * out of step with the others and is then updated on its own.
   */
  static inStep(optimizers: readonly FlatAdam[]): boolean {
    const first = optimizers[0];
    return (
      first !== undefined &&
      optimizers.every(
        (o) => o.t === first.t && o.learningRate === first.learningRate && o.rateFactor === first.rateFactor,
      )
    );
  }

  /**
   * One Adam step for several groups at once: their states are concatenated,
   * updated by one set of kernels over `flat` (the groups' gradients one
   * after another, in this order) and split back. The same numbers as a step
   * per group (unit test), with about 12 kernels fewer per extra group.
   */
  static applyTogether(
    parts: readonly { optimizer: FlatAdam; variables: readonly tf.Variable[] }[],
    flat: tf.Tensor1D,
    scale?: tf.Scalar,
  ): void {
    const optimizers = parts.map((p) => p.optimizer);
    if (!FlatAdam.inStep(optimizers))
      throw new Error('FlatAdam: optimizers that have taken different numbers of steps cannot step together');
    parts.forEach((p) => p.optimizer.prepare(p.variables));
    const t = (optimizers[0] as FlatAdam).t + 1;
    for (const o of optimizers) o.t = t;
    const learningRate = (optimizers[0] as FlatAdam).learningRate * (optimizers[0] as FlatAdam).rateFactor;
    // lr·m̂/(√v̂ + ε) with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ).
    const firstScale = learningRate / (1 - BETA1 ** t);
    const secondScale = 1 / Math.sqrt(1 - BETA2 ** t);
    const epsilon = tf.backend().epsilon();
    if (fusedAdamOn()) {
      FlatAdam.applyFused(parts, flat, scale, { firstScale, secondScale, epsilon });
      return;
    }
    for (const o of optimizers) o.separateMoments();
    const states = (pick: (o: FlatAdam) => tf.Variable | null) => optimizers.map((o) => pick(o) as tf.Variable);
    const groupSizes = optimizers.map((o) => o.sizes.reduce((a, b) => a + b, 0));
    const joined = (vs: tf.Variable[]) => (vs.length === 1 ? (vs[0] as tf.Tensor1D) : tf.concat(vs));
    const splitInto = (x: tf.Tensor, sizes: readonly number[]) =>
      sizes.length === 1 ? [x] : tf.split(x, sizes as number[]);
    tf.tidy(() => {
      const m = states((o) => o.m);
      const v = states((o) => o.v);
      const g = scale ? tf.mul(flat, scale) : flat;
      const nextM = tf.add(tf.mul(joined(m), BETA1), tf.mul(g, 1 - BETA1));
      const nextV = tf.add(tf.mul(joined(v), BETA2), tf.mul(tf.square(g), 1 - BETA2));
      const step = tf.mul(tf.div(nextM, tf.add(tf.mul(tf.sqrt(nextV), secondScale), epsilon)), firstScale);
      splitInto(nextM, groupSizes).forEach((part, i) => m[i]?.assign(part));
      splitInto(nextV, groupSizes).forEach((part, i) => v[i]?.assign(part));
      const variables = parts.flatMap((p) => p.variables);
      const steps = splitInto(
        step,
        variables.map((x) => x.size),
      );
      variables.forEach((variable, i) =>
        variable.assign(tf.sub(variable, tf.reshape(steps[i] as tf.Tensor, variable.shape))),
      );
    });
  }

  /**
   * The same step as fused kernels (src/worker/webgpuKernels.ts): per group,
   * one dispatch for both moments, reading the group's stretch of `flat`
   * (no concatenated states, no splits), then one per variable for its
   * update. Groups + variables dispatches in all.
   */
  private static applyFused(
    parts: readonly { optimizer: FlatAdam; variables: readonly tf.Variable[] }[],
    flat: tf.Tensor1D,
    scale: tf.Scalar | undefined,
    scales: { firstScale: number; secondScale: number; epsilon: number },
  ): void {
    tf.tidy(() => {
      const gradScale = scale ?? tf.scalar(1);
      let offset = 0;
      for (const { optimizer, variables } of parts) {
        const moments = optimizer.joinedMoments();
        const next = adamMoments(flat, moments, gradScale, { offset, beta1: BETA1, beta2: BETA2 });
        moments.assign(next);
        let at = 0;
        for (const variable of variables) {
          const updated = adamParam(tf.reshape(variable, [-1]) as tf.Tensor1D, next, { offset: at, ...scales });
          variable.assign(tf.reshape(updated, variable.shape));
          at += variable.size;
        }
        offset += moments.size / 2;
      }
    });
  }

  /**
   * The fused path keeps both moments in one variable [m; v] (one dispatch
   * updates both); the op path keeps them apart. Each joins or splits the
   * state it finds, so a run that changes backend keeps its moments.
   */
  private joinedMoments(): tf.Variable<tf.Rank.R1> {
    if (!this.moments) {
      const [m, v] = [this.m as tf.Variable, this.v as tf.Variable];
      this.moments = tf.tidy(() => tf.variable(tf.concat([m, v]) as tf.Tensor1D, false));
      m.dispose();
      v.dispose();
      this.m = null;
      this.v = null;
    }
    return this.moments;
  }

  private separateMoments(): void {
    if (!this.moments) return;
    const moments = this.moments;
    const half = moments.size / 2;
    this.m = tf.tidy(() => tf.variable(tf.slice(moments, [0], [half]), false));
    this.v = tf.tidy(() => tf.variable(tf.slice(moments, [half], [half]), false));
    moments.dispose();
    this.moments = null;
  }

  /** Creates the state on first use; afterwards checks the variables are the same, in the same order. */
  private prepare(variables: readonly tf.Variable[]): void {
    if (!this.names) {
      this.names = variables.map((v) => v.name);
      this.sizes = variables.map((v) => v.size);
      const total = this.sizes.reduce((a, b) => a + b, 0);
      // In a tidy: the zeros the variables start from are freed.
      this.m = tf.tidy(() => tf.variable(tf.zeros([total]), false));
      this.v = tf.tidy(() => tf.variable(tf.zeros([total]), false));
    }
    const names = this.names;
    if (variables.length !== names.length || variables.some((v, i) => v.name !== names[i])) {
      throw new Error(`FlatAdam: the gradients must name the same ${names.length} variables at every step`);
    }
  }

  dispose(): void {
    this.m?.dispose();
    this.v?.dispose();
    this.moments?.dispose();
    this.m = null;
    this.v = null;
    this.moments = null;
  }
}
