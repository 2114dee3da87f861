import * as tf from '../../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { GradNorm } from './gradnorm';
import { take, tensorGrowth } from '../../testing/testSupport';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('GradNorm', () => {
  it('starts at weight 1 per task and stores L(0) on the first call', () => {
    const gradNorm = new GradNorm(3);
    expect(take(gradNorm.weights())).toEqual([1, 1, 1]);
    const norms = tf.tensor1d([1, 2, 3]);
    // First call: L = L(0), so r_i = 1 and every target is Ḡ = 2: L_grad = |1−2| + 0 + |3−2| = 2.
    const first = gradNorm.balanceLoss(norms, tf.tensor1d([4, 2, 1]));
    expect(take(first)[0]).toBeCloseTo(2, 5);
    // Later losses are measured against L(0) = [4, 2, 1]: halving every loss keeps r_i = 1.
    expect(take(gradNorm.balanceLoss(norms, tf.tensor1d([2, 1, 0.5])))[0]).toBeCloseTo(2, 5);
    gradNorm.dispose();
    norms.dispose();
  });

  it('one update steps each weight by lr·n_i against the sign of G_i − target_i, then renormalises', () => {
    const gradNorm = new GradNorm(2, 1.5, 0.1);
    const norms = tf.tensor1d([1, 3]);
    const losses = tf.tensor1d([1, 1]);
    // G = [1, 3], Ḡ = 2, r = 1: task 0 below target (w += 0.1·1), task 1 above (w −= 0.1·3).
    gradNorm.update(norms, losses);
    const expected = [1.1, 0.7].map((w) => (2 * w) / 1.8);
    take(gradNorm.weights()).forEach((w, i) => expect(w).toBeCloseTo(expected[i] as number, 5));
    gradNorm.dispose();
    tf.dispose([norms, losses]);
  });

  it('drives the weighted gradient norms toward their targets; weights sum to T', () => {
    const gradNorm = new GradNorm(3);
    const norms = tf.tensor1d([1, 2, 0.5]);
    const initial = tf.tensor1d([1, 1, 1]);
    const later = tf.tensor1d([0.9, 0.6, 0.75]);
    take(gradNorm.balanceLoss(norms, initial));
    const before = take(gradNorm.balanceLoss(norms, later))[0] as number;
    for (let step = 0; step < 300; step++) gradNorm.update(norms, later);
    const after = take(gradNorm.balanceLoss(norms, later))[0] as number;
    const weights = take(gradNorm.weights());
    expect(sum(weights)).toBeCloseTo(3, 4);
    expect(after).toBeLessThan(before * 0.1);
    // Balance means G_i = w_i·n_i ∝ r_i^α: r = [1.2, 0.8, 1.0], so w ∝ r^1.5/n = [1.3145, 0.3578, 2],
    // i.e. w = [1.074, 0.292, 1.634] once scaled to Σ w = 3 (sign steps leave a small oscillation).
    [1.074, 0.292, 1.634].forEach((w, i) => expect(Math.abs((weights[i] as number) - w)).toBeLessThan(0.05));
    tf.dispose([norms, initial, later]);
    gradNorm.dispose();
  });

  it('leaks no tensors', () => {
    const gradNorm = new GradNorm(3);
    const norms = tf.tensor1d([1, 2, 0.5]);
    const losses = tf.tensor1d([0.9, 0.6, 0.75]);
    expect(
      tensorGrowth(() => {
        gradNorm.update(norms, losses);
        gradNorm.weights().dispose();
        gradNorm.balanceLoss(norms, losses).dispose();
      }),
    ).toBe(0);
    tf.dispose([norms, losses]);
    gradNorm.dispose();
  });
});
