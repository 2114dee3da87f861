import * as tf from '@tensorflow/tfjs';

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

/**
 * Accumulates per-pair cosines read back from the device (plain numbers)
 * and reports how often each pair conflicted. Non-finite readings are
 * skipped, so a pair never observed reports NaN rather than a made-up 0.
 */
export class ConflictCounter {
  private readonly observed: number[];
  private readonly conflicts: number[];
  private readonly cosineSums: number[];
  private updates = 0;

  constructor(readonly pairCount: number) {
    this.observed = new Array<number>(pairCount).fill(0);
    this.conflicts = new Array<number>(pairCount).fill(0);
    this.cosineSums = new Array<number>(pairCount).fill(0);
  }

  /** One step's cosines, in the order of taskPairs. */
  add(cosines: ArrayLike<number>): void {
    if (cosines.length !== this.pairCount) throw new Error(`ConflictCounter: expected ${this.pairCount} cosines, got ${cosines.length}`);
    for (let p = 0; p < this.pairCount; p++) {
      const cosine = cosines[p] as number;
      if (!Number.isFinite(cosine)) continue;
      this.observed[p] = (this.observed[p] as number) + 1;
      this.cosineSums[p] = (this.cosineSums[p] as number) + cosine;
      if (cosine < 0) this.conflicts[p] = (this.conflicts[p] as number) + 1;
    }
    this.updates++;
  }

  /** Number of add() calls. */
  get steps(): number {
    return this.updates;
  }

  /** Share of observed steps with cosine < 0, per pair. */
  conflictShares(): number[] {
    return this.conflicts.map((c, p) => c / (this.observed[p] as number));
  }

  /** Mean observed cosine, per pair. */
  meanCosines(): number[] {
    return this.cosineSums.map((s, p) => s / (this.observed[p] as number));
  }

  reset(): void {
    this.observed.fill(0);
    this.conflicts.fill(0);
    this.cosineSums.fill(0);
    this.updates = 0;
  }
}
