/**
 * The loss-weighting methods and task schedules the playground offers. Each
 * method is one object: its description for the UI and what it needs from
 * the experiment. Validation, the page's weighting panel and the trainer all
 * read these; the balancer each method builds is in src/train/balancer.ts.
 * Pure data: no tensors, so the page can import it without TensorFlow.js.
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
  /** Trains every task at every step: it runs only with the schedule "all". */
  needsAllTasks: boolean;
  /** Works on the gradients of a shared encoder: it runs only with hard sharing. */
  needsHardSharing: boolean;
  /** Weights the tasks with the manual weights, so a weight of 0 switches a task's training off; the other methods set their own weights. */
  usesManualWeights: boolean;
  summary: string;
}

export const METHOD_INFO: Record<WeightingMethod, MethodInfo> = {
  manual: {
    title: 'Manual weights',
    citation: 'Fixed user-chosen weights λ_i',
    needsTaskGradients: false,
    needsAllTasks: false,
    needsHardSharing: false,
    usesManualWeights: true,
    summary: 'Minimises Σ λ_i·L_i with the weights you set, unchanged during training.',
  },
  equal: {
    title: 'Equal weights',
    citation: 'Uniform sum of task losses',
    needsTaskGradients: false,
    needsAllTasks: false,
    needsHardSharing: false,
    usesManualWeights: false,
    summary: 'Minimises the plain sum of task losses, the usual hard-sharing baseline.',
  },
  uncertainty: {
    title: 'Uncertainty weighting',
    citation:
      'Kendall, Gal & Cipolla 2018, "Multi-Task Learning Using Uncertainty to Weigh Losses for Scene Geometry and Semantics", CVPR',
    needsTaskGradients: false,
    needsAllTasks: true,
    needsHardSharing: false,
    usesManualWeights: false,
    summary:
      'Learns a log-variance s_i per task and minimises Σ L_i/(2e^{s_i}) + s_i/2, so noisier tasks get smaller weights.',
  },
  dwa: {
    title: 'Dynamic Weight Average',
    citation: 'Liu, Johns & Davison 2019, "End-to-End Multi-Task Learning with Attention", CVPR',
    needsTaskGradients: false,
    needsAllTasks: false,
    needsHardSharing: false,
    usesManualWeights: false,
    summary: 'Gives more weight to tasks whose loss fell least over the last window, via a softmax over loss ratios.',
  },
  gradnorm: {
    title: 'GradNorm',
    citation:
      'Chen, Badrinarayanan, Lee & Rabinovich 2018, "GradNorm: Gradient Normalization for Adaptive Loss Balancing in Deep Multitask Networks", ICML',
    needsTaskGradients: true,
    needsAllTasks: true,
    needsHardSharing: true,
    usesManualWeights: false,
    summary:
      'Tunes task weights so each task’s gradient norm on the last shared layer tracks its relative training rate (α = 1.5).',
  },
  pcgrad: {
    title: 'PCGrad',
    citation: 'Yu, Kumar, Gupta, Levine, Hausman & Finn 2020, "Gradient Surgery for Multi-Task Learning", NeurIPS',
    needsTaskGradients: true,
    needsAllTasks: true,
    needsHardSharing: true,
    usesManualWeights: true,
    summary:
      'Projects each task gradient off the normal plane of any task gradient it conflicts with (negative dot product) before summing.',
  },
  famo: {
    title: 'FAMO',
    citation: 'Liu, Liu, Jin, Stone & Liu 2023, "FAMO: Fast Adaptive Multitask Optimization", NeurIPS',
    needsTaskGradients: false,
    needsAllTasks: true,
    needsHardSharing: false,
    usesManualWeights: false,
    summary:
      'Balances the log-loss decrease across tasks at O(1) extra cost per step: no per-task backward passes, only a softmax over task logits updated from observed loss changes.',
  },
};
