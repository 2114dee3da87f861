import * as tf from '../tf';
import { FUSED_KERNELS, fusedOn, fusedPathOn } from './fusedFlag';

/**
 * Small building blocks written with plain tfjs ops that have gradients on
 * every backend (matMul, slice, concat), so the same model trains on WebGPU,
 * WebGL, WASM and CPU (WASM lacks Conv2DBackpropFilter).
 */

/**
 * log softmax(logits)[…, target] for every position: logits [..., C] and
 * integer targets [...] → [...]. A target outside [0, C) gives 0, as tf.oneHot does.
 */
export function targetLogProbs(logits: tf.Tensor, targets: tf.Tensor): tf.Tensor {
  const classes = logits.shape[logits.shape.length - 1] as number;
  return tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(targets as tf.Tensor1D, classes)), -1);
}

/** activation(x [B, L, I] · W [I, O] + b) → [B, L, O]; on the fused path one kernel forward (tf.fused.matMul). */
export function dense3d(
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  bias?: tf.Tensor1D,
  activation: 'linear' | 'relu' = 'linear',
): tf.Tensor3D {
  const [b, l, i] = x.shape;
  const rows = tf.reshape(x, [b * l, i]) as tf.Tensor2D;
  if (fusedPathOn()) return tf.reshape(fusedDense(rows, kernel, bias, activation), [b, l, kernel.shape[1]]);
  const out = tf.matMul(rows, kernel);
  const biased = bias ? tf.add(out, bias) : out;
  return tf.reshape(activation === 'relu' ? tf.relu(biased) : biased, [b, l, kernel.shape[1]]);
}

/**
 * The fused path's dense layer: tf.fused.matMul forward (one kernel), and
 * its own gradient: tfjs's sums the bias gradient over rows with a
 * transpose and a reduction, and masks the ReLU with a step and a multiply;
 * here the bias gradient is one matMul by a row of ones and the ReLU's mask
 * one kernel (MtlReluGrad, where registered).
 */
function fusedDense(
  a: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D | undefined,
  activation: 'linear' | 'relu',
): tf.Tensor2D {
  const rows = a.shape[0];
  const dense = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w] = args as [tf.Tensor2D, tf.Tensor2D];
    const b = bias ? (args[2] as tf.Tensor1D) : undefined;
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const y = tf.fused.matMul({ a: x, b: w, ...(b ? { bias: b } : {}), activation });
    save([x, w, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sw, sy] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const g = (activation === 'relu' ? reluGrad(dy as tf.Tensor2D, sy) : dy) as tf.Tensor2D;
        const grads = [tf.matMul(g, sw, false, true), tf.matMul(sx, g, true, false)];
        if (b) grads.push(tf.reshape(tf.matMul(tf.ones([1, rows]), g), [g.shape[1]]));
        return grads;
      },
    };
  });
  return (bias ? dense(a, kernel, bias) : dense(a, kernel)) as tf.Tensor2D;
}

function reluGrad(dy: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor {
  if (fusedOn(FUSED_KERNELS.reluGrad)) return tf.engine().runKernel(FUSED_KERNELS.reluGrad, { dy, y }) as tf.Tensor;
  return tf.mul(dy, tf.step(y));
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
  activation: 'linear' | 'relu' = 'linear',
): tf.Tensor3D {
  const unfolded = width === 1 ? x : unfold(x, width, dilation);
  return dense3d(unfolded, kernel, bias, activation);
}

/** Where a 'same' convolution's first window starts, before the token: the padding on the left. */
export function unfoldReach(width: number, dilation: number): { left: number; right: number } {
  const reach = ((width - 1) * dilation) / 2;
  return { left: Math.floor(reach), right: Math.ceil(reach) };
}

/**
 * x [B, L, I] → [B, L, width·I]: for each token the `width` tokens around
 * it (`dilation` apart), zeros past either end. One dispatch each way where
 * the backend has the fused kernel (src/worker/webgpuKernels.ts); with ops
 * a pad, `width` slices and a concat, and twice that backward.
 */
export function unfold(x: tf.Tensor3D, width: number, dilation: number): tf.Tensor3D {
  if (fusedOn(FUSED_KERNELS.unfold, FUSED_KERNELS.unfoldGrad)) {
    const engine = tf.engine();
    const attrs = { width, dilation };
    const windows = tf.customGrad((input: tf.Tensor | tf.GradSaveFunc) => ({
      value: engine.runKernel(FUSED_KERNELS.unfold, { x: input as tf.Tensor }, attrs) as tf.Tensor,
      gradFunc: (dy: tf.Tensor) => engine.runKernel(FUSED_KERNELS.unfoldGrad, { dy }, attrs) as tf.Tensor,
    }));
    return windows(x) as tf.Tensor3D;
  }
  const [, l] = x.shape;
  const { left, right } = unfoldReach(width, dilation);
  const padded = tf.pad(x, [
    [0, 0],
    [left, right],
    [0, 0],
  ]);
  const shifts: tf.Tensor3D[] = [];
  for (let k = 0; k < width; k++) shifts.push(tf.slice(padded, [0, k * dilation, 0], [-1, l, -1]));
  return tf.concat(shifts, 2);
}

/** The layer norm's epsilon under the square root (the fused WebGPU kernel uses the same). */
export const LAYER_NORM_EPSILON = 1e-5;

/** Layer normalisation over the last axis. */
export function layerNorm(x: tf.Tensor3D, gamma: tf.Tensor1D, beta: tf.Tensor1D): tf.Tensor3D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, LAYER_NORM_EPSILON))), gamma), beta);
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

/** The most terms sumScalars adds with one tf.addN (see there). */
const ADD_N_MAX_TERMS = 4;

/**
 * Σ of scalars. A few (a training step's task terms) go through tf.addN:
 * one kernel, and a gradient that passes dy through without kernels.
 * More go through stack and sum: tfjs-backend-webgpu 4.22 binds every addN
 * input in one shader and does not split them, so more than
 * maxStorageBuffersPerShaderStage − 1 (often 7) inputs give wrong sums on
 * WebGPU, while stack (a concat) splits its inputs into groups that fit.
 */
export function sumScalars(terms: readonly tf.Tensor[]): tf.Scalar {
  if (terms.length === 0) return tf.scalar(0);
  const scalars = terms.map((t) => tf.reshape(t, []) as tf.Scalar);
  if (scalars.length === 1) return scalars[0] as tf.Scalar;
  if (scalars.length <= ADD_N_MAX_TERMS) return tf.addN(scalars);
  return tf.sum(tf.stack(scalars));
}
