import * as tf from '../../tf';

/** Zero gradients give cosine 0 and share 0 rather than NaN. */
const EPSILON = 1e-12;

/** Task index pairs in the order (0,1), (0,2), …, (1,2), …. */
export function taskPairs(taskCount: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < taskCount; i++) for (let j = i + 1; j < taskCount; j++) pairs.push([i, j]);
  return pairs;
}

/** Labels for the pairs of taskPairs, e.g. 'ner·pos'. */
export function pairNames(taskNames: readonly string[]): string[] {
  return taskPairs(taskNames.length).map(([i, j]) => `${taskNames[i]}·${taskNames[j]}`);
}

/**
 * Cosine similarity of every pair of flattened task gradients, in the order
 * of taskPairs. Negative values are conflicts. One Gram matrix on the
 * device; nothing is read back.
 */
export function pairwiseCosines(taskGrads: readonly tf.Tensor1D[]): tf.Tensor1D {
  const pairs = taskPairs(taskGrads.length);
  return tf.tidy(() => {
    if (pairs.length === 0) return tf.zeros([0]) as tf.Tensor1D;
    const stacked = tf.stack(taskGrads.slice()) as tf.Tensor2D;
    const gram = tf.matMul(stacked, stacked, false, true);
    const norms = tf.sqrt(tf.sum(tf.square(stacked), 1)) as tf.Tensor1D;
    const normProducts = tf.outerProduct(norms, norms);
    const cosines = tf.div(gram, tf.maximum(normProducts, EPSILON));
    const flatIndex = pairs.map(([i, j]) => i * taskGrads.length + j);
    return tf.gather(tf.reshape(cosines, [-1]), tf.tensor1d(flatIndex, 'int32')) as tf.Tensor1D;
  });
}

/** ‖g_i‖ for each flattened task gradient, e.g. the n_i that GradNorm needs. */
export function gradientNorms(taskGrads: readonly tf.Tensor1D[]): tf.Tensor1D {
  return tf.tidy(() => {
    if (taskGrads.length === 0) return tf.zeros([0]) as tf.Tensor1D;
    return tf.sqrt(tf.sum(tf.square(tf.stack(taskGrads.slice())), 1)) as tf.Tensor1D;
  });
}

/** ‖g_i‖ / Σ_j ‖g_j‖: each task's share of the gradient norm on the shared weights. */
export function normShares(taskGrads: readonly tf.Tensor1D[]): tf.Tensor1D {
  return tf.tidy(() => {
    const norms = gradientNorms(taskGrads);
    return tf.div(norms, tf.maximum(tf.sum(norms), EPSILON)) as tf.Tensor1D;
  });
}
