import * as tf from '../tf';

/**
 * Tensors left alive by `repeats` calls of `run` after one warm-up call
 * (which may create lasting state, e.g. stored initial losses). For tests.
 */
export function tensorGrowth(run: () => void, repeats = 5): number {
  run();
  const before = tf.memory().numTensors;
  for (let i = 0; i < repeats; i++) run();
  return tf.memory().numTensors - before;
}

/** The values of a tensor, then disposes it. For tests. */
export function take(tensor: tf.Tensor): number[] {
  const values = Array.from(tensor.dataSync());
  tensor.dispose();
  return values;
}
