import * as tf from '../../tf';

/**
 * The value of x with no gradient flowing back into x. tfjs 4.22 has no
 * stopGradient; a custom gradient of zeros does the same job inside
 * tf.variableGrads.
 */
export const detach = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc) => {
  const input = x as tf.Tensor;
  return { value: tf.clone(input), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
}) as <T extends tf.Tensor>(x: T) => T;
