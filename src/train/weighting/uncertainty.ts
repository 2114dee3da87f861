import * as tf from '../../tf';

/**
 * Homoscedastic uncertainty weighting (Kendall, Gal & Cipolla 2018), in the
 * stable log-variance form used by LibMTL:
 *   Σ_i J_i/(2·e^{s_i}) + s_i/2,  s_i = log σ_i².
 * For fixed J_i the minimum is at e^{s_i} = J_i, i.e. weight 1/(2·J_i):
 * tasks with larger (noisier) losses are damped.
 *
 * s is one trainable vector variable [T]. The caller adds `variables` to the
 * list its optimizer updates; keeping it one variable means the optimizer
 * always sees the same ordered list, even when only some tasks train in a
 * step (their entries simply get zero gradient).
 */
export class UncertaintyWeighting {
  readonly logVariance: tf.Variable<tf.Rank.R1>;
  readonly variables: tf.Variable[];

  constructor(
    readonly taskCount: number,
    initialLogVariance = -0.5,
  ) {
    this.logVariance = tf.tidy(() => tf.variable(tf.fill([taskCount], initialLogVariance) as tf.Tensor1D, true)); // tidy frees the initial value's handle
    this.variables = [this.logVariance];
  }

  /**
   * The weighted objective to differentiate. `losses[k]` belongs to task
   * `tasks[k]` (all tasks in order when omitted).
   */
  objective(losses: readonly tf.Scalar[], tasks?: readonly number[]): tf.Scalar {
    const taskIndices = tasks ?? losses.map((_, i) => i);
    if (taskIndices.length !== losses.length) throw new Error('UncertaintyWeighting: one task index per loss');
    if (losses.length === 0) return tf.scalar(0);
    return tf.tidy(() => {
      const all = taskIndices.length === this.taskCount && taskIndices.every((t, i) => t === i);
      // slice, not gather: gather's gradient is missing on WASM.
      const s = all ? this.logVariance : tf.concat(taskIndices.map((t) => tf.slice(this.logVariance, [t], [1])));
      const j = tf.stack(losses.map((l) => tf.reshape(l, [])));
      const terms = tf.add(tf.mul(tf.mul(j, tf.exp(tf.neg(s))), 0.5), tf.mul(s, 0.5));
      return tf.sum(terms);
    });
  }

  /** The current loss weights 1/(2·e^{s_i}). */
  effectiveWeights(): tf.Tensor1D {
    return tf.tidy(() => tf.mul(tf.exp(tf.neg(this.logVariance)), 0.5));
  }

  dispose(): void {
    this.logVariance.dispose();
  }
}
