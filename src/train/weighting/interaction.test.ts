import * as tf from '../../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientNorms, normShares, pairNames, pairwiseCosines, taskPairs } from './interaction';
import { take, tensorGrowth } from '../../testing/testSupport';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('pairwise gradient measures', () => {
  it('orders pairs (0,1),(0,2),(1,2) and names them', () => {
    expect(taskPairs(3)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(pairNames(['ner', 'pos', 'sst'])).toEqual(['ner·pos', 'ner·sst', 'pos·sst']);
    expect(pairNames(['ner'])).toEqual([]);
  });

  it('computes cosines, with 0 for a zero gradient', () => {
    const grads = [tf.tensor1d([1, 0]), tf.tensor1d([1, 1]), tf.tensor1d([-2, 0]), tf.tensor1d([0, 0])];
    const cosines = take(pairwiseCosines(grads));
    // (0,1) (0,2) (0,3) (1,2) (1,3) (2,3)
    const expected = [Math.SQRT1_2, -1, 0, -Math.SQRT1_2, 0, 0];
    expect(cosines).toHaveLength(6);
    cosines.forEach((c, i) => expect(c).toBeCloseTo(expected[i] as number, 5));
    expect(take(pairwiseCosines(grads.slice(0, 1)))).toEqual([]);
    tf.dispose(grads);
  });

  it('computes norms and norm shares', () => {
    const grads = [tf.tensor1d([3, 4]), tf.tensor1d([1, 0]), tf.tensor1d([0, 0])];
    const norms = take(gradientNorms(grads));
    [5, 1, 0].forEach((n, i) => expect(norms[i]).toBeCloseTo(n, 5));
    const shares = take(normShares(grads));
    [5 / 6, 1 / 6, 0].forEach((s, i) => expect(shares[i]).toBeCloseTo(s, 5));
    const zeros = [tf.zeros([2]) as tf.Tensor1D, tf.zeros([2]) as tf.Tensor1D];
    expect(take(normShares(zeros))).toEqual([0, 0]);
    tf.dispose([...grads, ...zeros]);
  });

  it('leaks no tensors', () => {
    const grads = [tf.tensor1d([1, 2, 3]), tf.tensor1d([-1, 0, 2]), tf.tensor1d([0, 1, -1])];
    expect(
      tensorGrowth(() => {
        pairwiseCosines(grads).dispose();
        normShares(grads).dispose();
        gradientNorms(grads).dispose();
      }),
    ).toBe(0);
    tf.dispose(grads);
  });
});
