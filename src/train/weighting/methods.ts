/**
 * The loss-weighting methods and task schedules the playground offers, with
 * one-line descriptions for the UI. Pure data: no tensors.
 */

export const WEIGHTING_METHODS = ['manual', 'equal', 'uncertainty', 'dwa', 'gradnorm', 'pcgrad', 'famo'] as const;
export type WeightingMethod = (typeof WEIGHTING_METHODS)[number];

export const SCHEDULES = ['all', 'roundrobin', 'proportional', 'temperature'] as const;
export type Schedule = (typeof SCHEDULES)[number];

export interface MethodInfo {
  title: string;
  citation: string;
  /** True when the method needs one backward pass per task (per-task gradients on shared weights). */
  needsTaskGradients: boolean;
  summary: string;
}

export const METHOD_INFO: Record<WeightingMethod, MethodInfo> = {
  manual: {
    title: 'Manual weights',
    citation: 'Fixed user-chosen weights λ_i',
    needsTaskGradients: false,
    summary: 'Minimises Σ λ_i·L_i with the weights you set, unchanged during training.',
  },
  equal: {
    title: 'Equal weights',
    citation: 'Uniform sum of task losses',
    needsTaskGradients: false,
    summary: 'Minimises the plain sum of task losses, the usual hard-sharing baseline.',
  },
  uncertainty: {
    title: 'Uncertainty weighting',
    citation: 'Kendall, Gal & Cipolla 2018, "Multi-Task Learning Using Uncertainty to Weigh Losses for Scene Geometry and Semantics", CVPR',
    needsTaskGradients: false,
    summary: 'Learns a log-variance s_i per task and minimises Σ L_i/(2e^{s_i}) + s_i/2, so noisier tasks get smaller weights.',
  },
  dwa: {
    title: 'Dynamic Weight Average',
    citation: 'Liu, Johns & Davison 2019, "End-to-End Multi-Task Learning with Attention", CVPR',
    needsTaskGradients: false,
    summary: 'Gives more weight to tasks whose loss fell least over the last window, via a softmax over loss ratios.',
  },
  gradnorm: {
    title: 'GradNorm',
    citation: 'Chen, Badrinarayanan, Lee & Rabinovich 2018, "GradNorm: Gradient Normalization for Adaptive Loss Balancing in Deep Multitask Networks", ICML',
    needsTaskGradients: true,
    summary: 'Tunes task weights so each task’s gradient norm on the last shared layer tracks its relative training rate (α = 1.5).',
  },
  pcgrad: {
    title: 'PCGrad',
    citation: 'Yu, Kumar, Gupta, Levine, Hausman & Finn 2020, "Gradient Surgery for Multi-Task Learning", NeurIPS',
    needsTaskGradients: true,
    summary: 'Projects each task gradient off the normal plane of any task gradient it conflicts with (negative dot product) before summing.',
  },
  famo: {
    title: 'FAMO',
    citation: 'Liu, Liu, Jin, Stone & Liu 2023, "FAMO: Fast Adaptive Multitask Optimization", NeurIPS',
    needsTaskGradients: false,
    summary: 'Balances the log-loss decrease across tasks at O(1) extra cost per step: no per-task backward passes, only a softmax over task logits updated from observed loss changes.',
  },
};
