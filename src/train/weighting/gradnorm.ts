import * as tf from '../../tf';

/** Weights never reach zero, so a task can always recover. */
const MIN_WEIGHT = 1e-3;
const EPSILON = 1e-8;

/**
 * GradNorm (Chen et al. 2018). Task weights w (Σ w = T) are tuned so that
 * each task's weighted gradient norm on the last shared layer,
 * G_i = w_i·n_i, tracks Ḡ·r_i^α, where r_i is the task's inverse training
 * rate (L_i/L_i(0)) relative to the mean. The target is a constant, so
 * ∂/∂w_i Σ_j |G_j − target_j| = sign(G_i − target_i)·n_i, computed in
 * closed form on the device.
 *
 * The caller supplies n_i = ‖∇_W L_i‖ (unweighted; see gradientNorms) and
 * the task losses as tensors; nothing is read back. The weights are a
 * non-trainable variable, so a variableGrads over all trainable variables
 * never picks them up.
 */
export class GradNorm {
  private readonly taskWeights: tf.Variable<tf.Rank.R1>;
  private readonly initialLosses: tf.Variable<tf.Rank.R1>;
  private hasInitialLosses = false;

  constructor(
    readonly taskCount: number,
    readonly alpha = 1.5,
    readonly learningRate = 0.025,
  ) {
    this.taskWeights = tf.tidy(() => tf.variable(tf.ones([taskCount]) as tf.Tensor1D, false)); // tidy frees the initial value's handle
    this.initialLosses = tf.tidy(() => tf.variable(tf.ones([taskCount]) as tf.Tensor1D, false)); // tidy frees the initial value's handle
  }

  /** A copy of the current weights (Σ = T); the caller disposes it. */
  weights(): tf.Tensor1D {
    return this.taskWeights.clone();
  }

  /** One GradNorm step. The first call also stores L_i(0). */
  update(gradNorms: tf.Tensor1D, losses: tf.Tensor1D): void {
    this.rememberInitialLosses(losses);
    tf.tidy(() => {
      const { weighted, target } = this.balance(gradNorms, losses);
      const gradient = tf.mul(tf.sign(tf.sub(weighted, target)), gradNorms);
      const stepped = tf.maximum(tf.sub(this.taskWeights, tf.mul(gradient, this.learningRate)), MIN_WEIGHT);
      this.taskWeights.assign(tf.mul(stepped, tf.div(this.taskCount, tf.sum(stepped))) as tf.Tensor1D);
    });
  }

  /** L_grad = Σ_i |G_i − target_i| under the current weights, for charts and tests. */
  balanceLoss(gradNorms: tf.Tensor1D, losses: tf.Tensor1D): tf.Scalar {
    this.rememberInitialLosses(losses);
    return tf.tidy(() => {
      const { weighted, target } = this.balance(gradNorms, losses);
      return tf.sum(tf.abs(tf.sub(weighted, target)));
    });
  }

  dispose(): void {
    this.taskWeights.dispose();
    this.initialLosses.dispose();
  }

  private rememberInitialLosses(losses: tf.Tensor1D): void {
    if (this.hasInitialLosses) return;
    this.initialLosses.assign(losses);
    this.hasInitialLosses = true;
  }

  private balance(gradNorms: tf.Tensor1D, losses: tf.Tensor1D): { weighted: tf.Tensor1D; target: tf.Tensor1D } {
    const weighted = tf.mul(this.taskWeights, gradNorms) as tf.Tensor1D;
    const meanWeighted = tf.mean(weighted);
    const lossRatios = tf.div(losses, tf.maximum(this.initialLosses, EPSILON));
    const inverseRates = tf.div(lossRatios, tf.maximum(tf.mean(lossRatios), EPSILON));
    const target = tf.mul(meanWeighted, tf.pow(inverseRates, this.alpha)) as tf.Tensor1D;
    return { weighted, target };
  }
}
