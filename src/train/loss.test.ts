import * as tf from '../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../data/batching';
import { weightedNllByOps } from '../model/fusedKernels';
import { useCpuBackend } from '../testing/toy';
import { crossEntropySum, fusedLossWeights } from './loss';

/** Two sentences of three tokens: the first has two real tokens, the second one. */
const batch: Batch = {
  size: 2,
  length: 3,
  idsPerToken: 1,
  ids: Int32Array.from([4, 5, 0, 6, 0, 0]),
  mask: Float32Array.from([1, 1, 0, 1, 0, 0]),
  targets: Int32Array.from([1, 2, 0, 0, 0, 0]),
  tokens: 3,
};

describe('the fused loss weights (what each target adds to the mean loss)', () => {
  beforeAll(useCpuBackend);

  it('gives every real token 1/count and padding 0 for tagging', () => {
    expect(Array.from(fusedLossWeights(batch, 'tagging'))).toEqual([1 / 3, 1 / 3, 0, 1 / 3, 0, 0].map(Math.fround));
  });

  it('gives every non-empty sentence 1/count and an empty one (batch padding) 0 for classification', () => {
    const padded: Batch = {
      ...batch,
      size: 3,
      mask: Float32Array.from([1, 1, 0, 1, 0, 0, 0, 0, 0]),
      targets: Int32Array.from([1, 0, 1]),
    };
    expect(Array.from(fusedLossWeights(padded, 'classification'))).toEqual([0.5, 0.5, 0]);
  });

  it('gives all zeros, not NaN, to a batch with no real token', () => {
    const empty: Batch = { ...batch, mask: new Float32Array(6) };
    expect(Array.from(fusedLossWeights(empty, 'tagging'))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('makes the weighted sum of per-token losses the masked mean cross-entropy', () => {
    const logits = tf.randomNormal([2, 3, 4], 0, 2, 'float32', 5);
    const targets = tf.tensor2d(batch.targets, [2, 3], 'int32');
    const mask = tf.tensor2d(batch.mask, [2, 3]);
    const { sum, count } = crossEntropySum(logits, targets, mask, 'tagging');
    const mean = tf.div(sum, count).dataSync()[0] as number;
    const weighted = weightedNllByOps(
      tf.reshape(logits, [6, 4]),
      tf.reshape(targets, [6]),
      tf.tensor1d(fusedLossWeights(batch, 'tagging')),
    );
    expect(weighted.dataSync()[0]).toBeCloseTo(mean, 6);
  });
});
