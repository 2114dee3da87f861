import * as tf from '../../tf';
import type { Random } from '../../data/random';

/** Keeps the projection finite when a task gradient is zero. */
const EPSILON = 1e-12;

/**
 * PCGrad (Yu et al. 2020, "Gradient Surgery for Multi-Task Learning"): each
 * task gradient g_i is projected, one other task at a time in a random
 * order, onto the normal plane of every g_j it conflicts with (g_i'·g_j < 0),
 * and the projected gradients are summed.
 *
 * The conflict test runs on the device: the coefficient
 * min(g_i'·g_j, 0)/(‖g_j‖² + ε) is zero when there is no conflict, so no
 * value is read back and no branch depends on data.
 *
 * `taskGrads` are flattened gradients of the same length (see
 * flattenGradients). The orders are drawn from `random`, one shuffle per
 * task per call, so a seeded Random makes the result reproducible.
 */
export function pcgrad(taskGrads: readonly tf.Tensor1D[], random: Random): tf.Tensor1D {
  if (taskGrads.length === 0) throw new Error('pcgrad: no task gradients');
  const indices = taskGrads.map((_, i) => i);
  const orders = indices.map((i) => random.shuffle(indices.filter((j) => j !== i)));
  return tf.tidy(() => {
    const squaredNorms = taskGrads.map((g) => tf.add(tf.sum(tf.square(g)), EPSILON));
    const projected = taskGrads.map((original, i) => {
      let g: tf.Tensor1D = original;
      for (const j of orders[i] as number[]) {
        const other = taskGrads[j] as tf.Tensor1D;
        const dot = tf.sum(tf.mul(g, other));
        const coefficient = tf.div(tf.minimum(dot, 0), squaredNorms[j] as tf.Tensor);
        g = tf.sub(g, tf.mul(coefficient, other));
      }
      return g;
    });
    // stack + sum, not addN: addN is wrong on WebGPU for many inputs.
    return tf.sum(tf.stack(projected), 0) as tf.Tensor1D;
  });
}
