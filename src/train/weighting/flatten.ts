import * as tf from '../../tf';

/**
 * One flat vector for a list of gradients, so per-task gradients on shared
 * weights can be compared (dot products, projections) as single vectors.
 */
export function flattenGradients(grads: readonly tf.Tensor[]): tf.Tensor1D {
  return tf.tidy(() => {
    if (grads.length === 0) return tf.zeros([0]) as tf.Tensor1D;
    return tf.concat(grads.map((g) => tf.reshape(g, [-1]))) as tf.Tensor1D;
  });
}
