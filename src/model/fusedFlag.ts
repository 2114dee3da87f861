import * as tf from '../tf';

/** The kernels src/worker/webgpuKernels.ts registers for the `webgpu` backend (src/model/fusedKernels.ts calls them). */
export const FUSED_KERNELS = {
  /** Σ_n w_n · −log softmax(logits_n)[t_n] → [1]. */
  weightedNll: 'MtlWeightedNll',
  /** Its gradient with respect to the logits, times dy. */
  weightedNllGrad: 'MtlWeightedNllGrad',
  /** clip / max(‖g‖, clip) → [1]. */
  clipScale: 'MtlClipScale',
  /** Both Adam moments [m; v]: β1·m + (1 − β1)·g̃ and β2·v + (1 − β2)·g̃², g̃ = g[offset + i]·scale. */
  adamMoment: 'MtlAdamMoment',
  /** One variable's Adam step from the new moments at an offset. */
  adamParam: 'MtlAdamParam',
  /** mask · layer norm(x)·γ + β, a row per invocation. */
  layerNorm: 'MtlLayerNorm',
  /** Each row's mean and 1/σ → [N, 2]. */
  layerNormStats: 'MtlLayerNormStats',
  /** The layer norm's gradient with respect to x. */
  layerNormGradX: 'MtlLayerNormGradX',
  /** Its gradient with respect to γ (attribute gamma true) or β: a sum over rows per feature. */
  layerNormGradScale: 'MtlLayerNormGradScale',
  /** A sentence's masked mean and max over its tokens, side by side → [B, 2H]. */
  maskedPool: 'MtlMaskedPool',
  /** Its gradient with respect to the states. */
  maskedPoolGrad: 'MtlMaskedPoolGrad',
  /** A 'same' convolution's windows: [B, L, I] → [B, L, width·I], zeros past either end. */
  unfold: 'MtlUnfold',
  /** Its gradient: each input position's windows summed back. */
  unfoldGrad: 'MtlUnfoldGrad',
  /** dy where the ReLU's output is positive, else 0. */
  reluGrad: 'MtlReluGrad',
  /** An embedding table's gradient from a host-sorted plan of its ids: each row sums its own tokens' rows. */
  plannedSegmentSum: 'MtlPlannedSegmentSum',
  /** The largest of each group of `pieces` consecutive values: [N, E·pieces] → [N, E]. */
  maxout: 'MtlMaxout',
  /** Its gradient: dy to every piece equal to its group's largest (ties all get it, as tf.max's gradient). */
  maxoutGrad: 'MtlMaxoutGrad',
} as const;

/** A tfjs flag (the bench sets it off for a before/after in one run): use the fused kernels where the backend has them. */
export const FUSED_KERNELS_FLAG = 'MTL_FUSED_KERNELS';
tf.env().registerFlag(FUSED_KERNELS_FLAG, () => true);

/** Whether the active backend runs all these kernels fused (registered, and the flag on). */
export function fusedOn(...kernels: string[]): boolean {
  const backend = tf.getBackend();
  return tf.env().getBool(FUSED_KERNELS_FLAG) && kernels.every((k) => tf.getKernel(k, backend) !== undefined);
}

/**
 * Whether this step takes the fused path: the flag on and the WebGPU backend
 * active. Standard tfjs kernels that fuse several ops (tf.fused.matMul) are
 * used there only, so every other backend keeps today's numbers exactly.
 */
export function fusedPathOn(): boolean {
  return tf.env().getBool(FUSED_KERNELS_FLAG) && tf.getBackend() === 'webgpu';
}
