import * as tf from '@tensorflow/tfjs';

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

/** The inverse of flattenGradients: slices in the same order, reshaped to `shapes`. */
export function unflattenGradients(vector: tf.Tensor1D, shapes: readonly number[][]): tf.Tensor[] {
  const sizes = shapes.map((shape) => shape.reduce((a, b) => a * b, 1));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total !== vector.shape[0]) throw new Error(`unflattenGradients: vector has ${vector.shape[0]} values, shapes need ${total}`);
  return tf.tidy(() => {
    let offset = 0;
    // slice, not split: split rejects zero-sized parts.
    return shapes.map((shape, i) => {
      const size = sizes[i] as number;
      const part = tf.reshape(tf.slice(vector, [offset], [size]), shape);
      offset += size;
      return part;
    });
  });
}
