import * as tf from '../tf';

/**
 * Cross-stitch units (Misra et al. 2016): task i's next input is a learned
 * linear mix of every task's activation, out_i = Σ_j α_ij·act_j. With α the
 * identity the task columns stay independent; off-diagonal α shares.
 */

/** α with `self` on the diagonal and `other` elsewhere (paper: 0.9 / 0.1 for two tasks). */
export function initialCrossStitch(taskCount: number, self = 0.9, other = 0.1): tf.Tensor2D {
  return tf.tidy(() => {
    const eye = tf.eye(taskCount);
    return tf.add(tf.mul(eye, self), tf.mul(tf.sub(1, eye), other)) as tf.Tensor2D;
  });
}

/**
 * Mixes same-shaped activations with α [T, T]. One matMul over the
 * flattened activations (no addN, which is wrong on WebGPU for many
 * inputs); differentiable in both α and the activations.
 */
export function crossStitch(activations: readonly tf.Tensor[], alpha: tf.Tensor2D): tf.Tensor[] {
  const taskCount = activations.length;
  if (alpha.shape[0] !== taskCount || alpha.shape[1] !== taskCount) {
    throw new Error(`crossStitch: α is ${alpha.shape.join('×')}, expected ${taskCount}×${taskCount}`);
  }
  if (taskCount === 0) return [];
  const shape = (activations[0] as tf.Tensor).shape;
  if (activations.some((a) => !tf.util.arraysEqual(a.shape, shape)))
    throw new Error('crossStitch: activations differ in shape');
  return tf.tidy(() => {
    const flat = tf.stack(activations.map((a) => tf.reshape(a, [-1]))) as tf.Tensor2D;
    const mixed = tf.matMul(alpha, flat);
    return tf.unstack(mixed).map((row) => tf.reshape(row, shape));
  });
}
