import * as tf from '../tf';
import { FUSED_KERNELS, fusedOn } from './fusedFlag';
import { applyMask, layerNorm, targetLogProbs } from './ops';

/**
 * Fused kernels for the hot path of a training step (#17): the heads'
 * masked cross-entropy, the layer norms, pooling, maxout, the gradient-norm
 * clip and Adam (ops.ts and rowLookup.ts call the rest). On WebGPU a small
 * model's step is bound by kernel launches (each one a uniform buffer and a
 * bind group), not by arithmetic, so one WGSL dispatch in place of a chain of
 * element-wise ops is what makes a step cheaper there. The WGSL programs are
 * registered for the `webgpu` backend only (src/worker/webgpuKernels.ts);
 * every other backend keeps the op-by-op path below, which stays the
 * reference the fused one is tested against (e2e/fusedKernels.spec.ts).
 */

/** Layer normalisation over the last axis, then padded positions zeroed (mask [B, L]): with ops, the reference. */
export function maskedLayerNormByOps(
  x: tf.Tensor3D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  mask: tf.Tensor2D,
): tf.Tensor3D {
  return applyMask(layerNorm(x, gamma, beta), mask);
}

/**
 * The same as one dispatch forward and four backward where the backend has
 * the fused kernels; about ten and twenty kernels with ops.
 */
export function maskedLayerNorm(x: tf.Tensor3D, gamma: tf.Tensor1D, beta: tf.Tensor1D, mask: tf.Tensor2D): tf.Tensor3D {
  const { layerNorm, layerNormStats, layerNormGradX, layerNormGradScale } = FUSED_KERNELS;
  if (!fusedOn(layerNorm, layerNormStats, layerNormGradX, layerNormGradScale))
    return maskedLayerNormByOps(x, gamma, beta, mask);
  const engine = tf.engine();
  const [b, l, d] = x.shape;
  const rowMask = tf.reshape(mask, [b * l]);
  const norm = tf.customGrad(
    (
      input: tf.Tensor | tf.GradSaveFunc,
      g: tf.Tensor | tf.GradSaveFunc,
      bt: tf.Tensor | tf.GradSaveFunc,
      save: tf.Tensor | tf.GradSaveFunc,
    ) => {
      const rows = tf.reshape(input as tf.Tensor, [b * l, d]);
      (save as tf.GradSaveFunc)([rows, g as tf.Tensor, rowMask]);
      const y = engine.runKernel(FUSED_KERNELS.layerNorm, {
        x: rows,
        gamma: g as tf.Tensor,
        beta: bt as tf.Tensor,
        mask: rowMask,
      }) as tf.Tensor;
      return {
        value: tf.reshape(y, [b, l, d]),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [savedRows, savedGamma, savedMask] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
          const dyRows = tf.reshape(dy, [b * l, d]);
          const stats = engine.runKernel(FUSED_KERNELS.layerNormStats, { x: savedRows }) as tf.Tensor;
          const inputs = { x: savedRows, mask: savedMask, dy: dyRows, stats };
          const dx = engine.runKernel(FUSED_KERNELS.layerNormGradX, { ...inputs, gamma: savedGamma }) as tf.Tensor;
          return [
            tf.reshape(dx, [b, l, d]),
            engine.runKernel(FUSED_KERNELS.layerNormGradScale, inputs, { gamma: true }) as tf.Tensor,
            engine.runKernel(
              FUSED_KERNELS.layerNormGradScale,
              { mask: savedMask, dy: dyRows },
              { gamma: false },
            ) as tf.Tensor,
          ];
        },
      };
    },
  );
  return norm(x, gamma, beta) as tf.Tensor3D;
}

/** Whether this backend computes the heads' losses fused (then lossTensors uploads each row's weight). */
export function fusedLossOn(): boolean {
  return fusedOn(FUSED_KERNELS.weightedNll, FUSED_KERNELS.weightedNllGrad);
}

/** The same sum with ops: the reference for the fused kernel (and its path on other backends). */
export function weightedNllByOps(logits: tf.Tensor2D, targets: tf.Tensor1D, weights: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    return tf.neg(tf.sum(tf.mul(targetLogProbs(logits, targets), weights)));
  });
}

/**
 * Σ_n weights_n · −log softmax(logits_n)[targets_n] for logits [N, C]: one
 * dispatch forward and one backward on a backend with the fused kernel. A
 * target outside [0, C) contributes nothing, as with tf.oneHot. The weights
 * are constants (no gradient flows to them or to the targets).
 */
export function weightedNll(logits: tf.Tensor2D, targets: tf.Tensor1D, weights: tf.Tensor1D): tf.Scalar {
  if (!fusedLossOn()) return weightedNllByOps(logits, targets, weights);
  const engine = tf.engine();
  // The tape frees what the forward pass made once it returns: what the gradient reads is saved.
  const nll = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
    const input = x as tf.Tensor2D;
    (save as tf.GradSaveFunc)([input, targets, weights]);
    const value = engine.runKernel(FUSED_KERNELS.weightedNll, { logits: input, targets, weights }) as tf.Tensor;
    return {
      value: tf.reshape(value, []) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedLogits, savedTargets, savedWeights] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        return engine.runKernel(FUSED_KERNELS.weightedNllGrad, {
          logits: savedLogits,
          targets: savedTargets,
          weights: savedWeights,
          dy: tf.reshape(dy, [1]),
        }) as tf.Tensor;
      },
    };
  });
  return nll(logits) as tf.Scalar;
}

/** min(1, clip / ‖g‖) as clip / max(‖g‖, clip), for one flat gradient: one dispatch when fused. */
export function clipScale(flat: tf.Tensor1D, clip: number): tf.Scalar {
  if (!fusedOn(FUSED_KERNELS.clipScale))
    return tf.tidy(() => tf.div(clip, tf.maximum(tf.sqrt(tf.sum(tf.square(flat))), clip)));
  const out = tf.engine().runKernel(FUSED_KERNELS.clipScale, { x: flat }, { clip }) as tf.Tensor;
  return tf.tidy(() => tf.reshape(out, []) as tf.Scalar);
}

/** Whether Adam's update runs as fused kernels here (FlatAdam then takes its fused path). */
export function fusedAdamOn(): boolean {
  return fusedOn(FUSED_KERNELS.adamMoment, FUSED_KERNELS.adamParam);
}

/**
 * Both Adam moments in one dispatch, over `moments` = [m; v] (2n values):
 * m' = β1·m + (1 − β1)·g̃ and v' = β2·v + (1 − β2)·g̃², g̃ = grad[offset + i]·scale.
 */
export function adamMoments(
  grad: tf.Tensor1D,
  moments: tf.Tensor1D,
  scale: tf.Tensor,
  attrs: { offset: number; beta1: number; beta2: number },
): tf.Tensor1D {
  return tf
    .engine()
    .runKernel(
      FUSED_KERNELS.adamMoment,
      { grad, moments, scale: tf.reshape(scale, [1]) },
      { ...attrs, oneMinusBeta1: 1 - attrs.beta1, oneMinusBeta2: 1 - attrs.beta2 },
    ) as tf.Tensor1D;
}

/** param − firstScale·m/(√v·secondScale + ε), reading m and v from [m; v] at `offset` on: one dispatch. */
export function adamParam(
  param: tf.Tensor1D,
  moments: tf.Tensor1D,
  attrs: { offset: number; firstScale: number; secondScale: number; epsilon: number },
): tf.Tensor1D {
  return tf.engine().runKernel(FUSED_KERNELS.adamParam, { param, moments }, attrs) as tf.Tensor1D;
}

/** What pooling adds to padding so that it never wins the max. */
export const POOL_PADDING_PENALTY = 1e9;

/** [masked mean | masked max] over each sentence's tokens, states [B, L, H] → [B, 2H], with ops: the reference. */
export function maskedMeanMaxByOps(states: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const m = tf.expandDims(mask, 2);
    const mean = tf.div(tf.sum(tf.mul(states, m), 1), tf.maximum(tf.sum(m, 1), 1));
    const max = tf.max(tf.add(states, tf.mul(tf.sub(m, 1), POOL_PADDING_PENALTY)), 1);
    return tf.concat([mean, max], 1) as tf.Tensor2D;
  });
}

/** The same pooling as one dispatch forward and one backward where the backend has the fused kernels (about 13 and 20 with ops). */
export function maskedMeanMax(states: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
  if (!fusedOn(FUSED_KERNELS.maskedPool, FUSED_KERNELS.maskedPoolGrad)) return maskedMeanMaxByOps(states, mask);
  const engine = tf.engine();
  const pool = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
    (save as tf.GradSaveFunc)([x as tf.Tensor, mask]);
    return {
      value: engine.runKernel(FUSED_KERNELS.maskedPool, { x: x as tf.Tensor, mask }) as tf.Tensor,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedStates, savedMask] = saved as [tf.Tensor, tf.Tensor];
        return engine.runKernel(FUSED_KERNELS.maskedPoolGrad, { x: savedStates, mask: savedMask, dy }) as tf.Tensor;
      },
    };
  });
  return pool(states) as tf.Tensor2D;
}

/** [B, L, E·pieces] → [B, L, E], the largest of each group of `pieces` consecutive values (maxout); ops off the fused path. */
export function maxout(x: tf.Tensor3D, pieces: number): tf.Tensor3D {
  const [b, l, width] = x.shape;
  const e = width / pieces;
  if (!fusedOn(FUSED_KERNELS.maxout, FUSED_KERNELS.maxoutGrad))
    return tf.max(tf.reshape(x, [b, l, e, pieces]), 3) as tf.Tensor3D;
  const engine = tf.engine();
  const attrs = { pieces };
  const pick = tf.customGrad((input: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
    const rows = tf.reshape(input as tf.Tensor, [b * l, width]);
    (save as tf.GradSaveFunc)([rows]);
    return {
      value: tf.reshape(engine.runKernel(FUSED_KERNELS.maxout, { x: rows }, attrs) as tf.Tensor, [b, l, e]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.reshape(
          engine.runKernel(
            FUSED_KERNELS.maxoutGrad,
            { x: saved[0] as tf.Tensor, dy: tf.reshape(dy, [b * l, e]) },
            attrs,
          ) as tf.Tensor,
          [b, l, width],
        ),
    };
  });
  return pick(x) as tf.Tensor3D;
}
