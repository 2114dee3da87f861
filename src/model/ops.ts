import * as tf from '../tf';

/**
 * Small building blocks written with plain tfjs ops that have gradients on
 * every backend (matMul, slice, concat), so the same model trains on WebGPU,
 * WebGL, WASM and CPU (WASM lacks Conv2DBackpropFilter).
 */

/** x [B, L, I] · W [I, O] + b → [B, L, O]. */
export function dense3d(x: tf.Tensor3D, kernel: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor3D {
  const [b, l, i] = x.shape;
  const out = tf.matMul(tf.reshape(x, [b * l, i]), kernel);
  return tf.reshape(bias ? tf.add(out, bias) : out, [b, l, kernel.shape[1]]);
}

/**
 * 'Same' 1-D convolution as unfold + matMul: the k shifted copies of x are
 * concatenated on the channel axis and multiplied by W [k·I, O].
 */
export function conv1dSame(
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  width: number,
  dilation: number,
): tf.Tensor3D {
  const [, l] = x.shape;
  const reach = ((width - 1) * dilation) / 2;
  const left = Math.floor(reach);
  const right = Math.ceil(reach);
  const padded = tf.pad(x, [
    [0, 0],
    [left, right],
    [0, 0],
  ]);
  const shifts: tf.Tensor3D[] = [];
  for (let k = 0; k < width; k++) shifts.push(tf.slice(padded, [0, k * dilation, 0], [-1, l, -1]));
  const unfolded = width === 1 ? x : tf.concat(shifts, 2);
  return dense3d(unfolded, kernel, bias);
}

/** Layer normalisation over the last axis. */
export function layerNorm(x: tf.Tensor3D, gamma: tf.Tensor1D, beta: tf.Tensor1D): tf.Tensor3D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
}

/** Zeroes padded positions: mask [B, L] broadcast over features. */
export function applyMask(x: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
  return tf.mul(x, tf.expandDims(mask, 2));
}

/** Sinusoidal position encodings [L, D] (Vaswani et al. 2017): no parameters, any length. */
export function positionEncoding(length: number, dim: number): tf.Tensor2D {
  const values = new Float32Array(length * dim);
  for (let p = 0; p < length; p++) {
    for (let i = 0; i < dim; i++) {
      const angle = p / Math.pow(10000, (2 * Math.floor(i / 2)) / dim);
      values[p * dim + i] = i % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return tf.tensor2d(values, [length, dim]);
}

/**
 * Σ of scalars. Not tf.addN: tfjs-backend-webgpu 4.22 binds every addN input
 * in one shader and does not split them, so more than
 * maxStorageBuffersPerShaderStage − 1 (often 7) inputs give wrong sums on
 * WebGPU. stack (a concat) splits its inputs into groups that fit.
 */
export function sumScalars(terms: readonly tf.Tensor[]): tf.Scalar {
  if (terms.length === 0) return tf.scalar(0);
  if (terms.length === 1) return tf.reshape(terms[0] as tf.Tensor, []) as tf.Scalar;
  return tf.sum(tf.stack(terms.map((t) => tf.reshape(t, []))));
}
