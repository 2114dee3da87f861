import * as tf from '../../tf';
import { detach } from './detach';

/** Losses are clamped here before 1/ℓ and log ℓ (the reference adds 1e-8). */
const MIN_LOSS = 1e-8;
const BETA1 = 0.9;
const BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;

export interface FamoOptions {
  /** Adam step size for the task logits ξ (reference default 0.025). */
  learningRate?: number;
  /** L2 decay on ξ, added to its gradient before Adam as torch's weight_decay does. */
  decay?: number;
}

/**
 * FAMO (Liu et al. 2023, "FAMO: Fast Adaptive Multitask Optimization").
 * Task logits ξ give z = softmax(ξ). The model minimises Σ z_i·log ℓ_i / c,
 * whose gradient is Σ w_i·∇ℓ_i with w_i = c·z_i/ℓ_i, c = 1/Σ_j z_j/ℓ_j;
 * weights() returns these w (Σ w = 1), so the caller can keep minimising a
 * plain weighted sum Σ w_i·ℓ_i. After the model step, update() moves ξ
 * against J_softmax(ξ)ᵀ·δ with δ_i = log ℓ_i(t) − log ℓ_i(t+1): a task
 * whose log-loss fell more loses weight. Cost: O(T) per step, no per-task
 * backward passes.
 *
 * Follows the reference implementation (github.com/Cranial-XIX/FAMO,
 * famo.py): min_losses = 0, Adam on ξ with coupled weight decay.
 * Approximation: the reference re-evaluates the same batch after the step
 * for ℓ(t+1); the playground passes the next batch's losses instead, which
 * costs no extra forward pass but adds batch-to-batch noise to δ.
 *
 * Everything stays on the device; state lives in non-trainable variables.
 */
export class Famo {
  readonly learningRate: number;
  readonly decay: number;
  private readonly logits: tf.Variable<tf.Rank.R1>;
  private readonly firstMoment: tf.Variable<tf.Rank.R1>;
  private readonly secondMoment: tf.Variable<tf.Rank.R1>;
  private steps = 0;

  constructor(
    readonly taskCount: number,
    { learningRate = 0.025, decay = 0.001 }: FamoOptions = {},
  ) {
    this.learningRate = learningRate;
    this.decay = decay;
    this.logits = tf.tidy(() => tf.variable(tf.zeros([taskCount]) as tf.Tensor1D, false)); // tidy frees the initial value's handle
    this.firstMoment = tf.tidy(() => tf.variable(tf.zeros([taskCount]) as tf.Tensor1D, false)); // tidy frees the initial value's handle
    this.secondMoment = tf.tidy(() => tf.variable(tf.zeros([taskCount]) as tf.Tensor1D, false)); // tidy frees the initial value's handle
  }

  /** z = softmax(ξ), the task distribution FAMO learns (a new tensor). */
  taskDistribution(): tf.Tensor1D {
    return tf.tidy(() => tf.softmax(this.logits));
  }

  /**
   * Effective loss weights w_i = c·z_i/ℓ_i (Σ w = 1). The losses are
   * detached, so calling this inside tf.variableGrads is safe.
   */
  weights(losses: tf.Tensor1D): tf.Tensor1D {
    return tf.tidy(() => {
      const z = tf.softmax(this.logits);
      const scaled = tf.div(z, tf.maximum(detach(losses), MIN_LOSS));
      return tf.div(scaled, tf.sum(scaled)) as tf.Tensor1D;
    });
  }

  /** One Adam step on ξ from the losses before and after a model step. */
  update(previousLosses: tf.Tensor1D, currentLosses: tf.Tensor1D): void {
    this.steps++;
    const t = this.steps;
    tf.tidy(() => {
      const delta = tf.sub(tf.log(tf.maximum(previousLosses, MIN_LOSS)), tf.log(tf.maximum(currentLosses, MIN_LOSS)));
      const z = tf.softmax(this.logits);
      // J_softmax is diag(z) − z·zᵀ (symmetric): Jᵀδ = z ⊙ (δ − z·δ).
      const softmaxGrad = tf.mul(z, tf.sub(delta, tf.sum(tf.mul(z, delta))));
      const gradient = tf.add(softmaxGrad, tf.mul(this.logits, this.decay));
      const m = tf.add(tf.mul(this.firstMoment, BETA1), tf.mul(gradient, 1 - BETA1)) as tf.Tensor1D;
      const v = tf.add(tf.mul(this.secondMoment, BETA2), tf.mul(tf.square(gradient), 1 - BETA2)) as tf.Tensor1D;
      this.firstMoment.assign(m);
      this.secondMoment.assign(v);
      const mHat = tf.div(m, 1 - Math.pow(BETA1, t));
      const vHat = tf.div(v, 1 - Math.pow(BETA2, t));
      const step = tf.div(mHat, tf.add(tf.sqrt(vHat), ADAM_EPSILON));
      this.logits.assign(tf.sub(this.logits, tf.mul(step, this.learningRate)) as tf.Tensor1D);
    });
  }

  dispose(): void {
    this.logits.dispose();
    this.firstMoment.dispose();
    this.secondMoment.dispose();
  }
}
