import * as tf from '../../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { Famo } from './famo';
import { take, tensorGrowth } from '../../testing/testSupport';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Famo', () => {
  it('weights are c·z_i/ℓ_i and sum to 1', () => {
    const famo = new Famo(2);
    // z = [0.5, 0.5], z/ℓ = [0.5, 0.25], c = 1/0.75.
    const weights = take(famo.weights(tf.tensor1d([1, 2])));
    expect(weights[0]).toBeCloseTo(2 / 3, 5);
    expect(weights[1]).toBeCloseTo(1 / 3, 5);
    // A zero loss is clamped, not divided by.
    const clamped = take(famo.weights(tf.tensor1d([0, 1])));
    expect(clamped[0]).toBeCloseTo(1, 5);
    expect(clamped.every(Number.isFinite)).toBe(true);
    famo.dispose();
  });

  it('a task whose loss fell faster loses weight after one update', () => {
    const famo = new Famo(2);
    const previous = tf.tensor1d([1, 1]);
    const current = tf.tensor1d([0.5, 0.9]);
    famo.update(previous, current);
    // δ = [log 2, log(1/0.9)], Jᵀδ ∝ [+, −]; Adam's first step is lr·sign: ξ = [−0.025, 0.025].
    const z = take(famo.taskDistribution());
    expect(z[0]).toBeCloseTo(1 / (1 + Math.exp(0.05)), 5);
    const weights = take(famo.weights(tf.tensor1d([1, 1])));
    expect(weights[0]).toBeLessThan(weights[1] as number);
    expect((weights[0] as number) + (weights[1] as number)).toBeCloseTo(1, 5);
    tf.dispose([previous, current]);
    famo.dispose();
  });

  it('keeps shifting weight away from the faster task; decay limits how far the logits drift', () => {
    const previous = tf.tensor1d([1, 1, 1]);
    const uneven = tf.tensor1d([0.8, 0.95, 0.99]);
    const run = (decay: number) => {
      const famo = new Famo(3, { decay });
      const shares: number[] = [];
      for (let step = 0; step < 20; step++) {
        famo.update(previous, uneven);
        shares.push(take(famo.taskDistribution())[0] as number);
      }
      const final = take(famo.taskDistribution());
      famo.dispose();
      return { shares, final };
    };
    const { shares, final } = run(0.001);
    shares.slice(1).forEach((share, i) => expect(share).toBeLessThan(shares[i] as number));
    // Task 0 fell fastest, task 2 slowest.
    expect(final[0]).toBeLessThan(final[1] as number);
    expect(final[1]).toBeLessThan(final[2] as number);
    const spread = (z: number[]) => Math.max(...z) - Math.min(...z);
    expect(spread(run(0.5).final)).toBeLessThan(spread(final) * 0.8);
    tf.dispose([previous, uneven]);
  });

  it('treats the losses as constants inside variableGrads (gradient Σ w_i·∇ℓ_i)', () => {
    const famo = new Famo(2);
    const theta = tf.variable(tf.tensor1d([1, 2]));
    // ℓ = θ² = [1, 4]; w = [0.8, 0.2]; ∂/∂θ Σ w·ℓ with w constant = w·2θ = [1.6, 0.8].
    const { value, grads } = tf.variableGrads(() => {
      const losses = tf.square(theta) as tf.Tensor1D;
      return tf.sum(tf.mul(famo.weights(losses), losses));
    }, [theta]);
    expect(value.dataSync()[0]).toBeCloseTo(1.6, 5);
    const grad = take(grads[theta.name] as tf.Tensor);
    expect(grad[0]).toBeCloseTo(1.6, 5);
    expect(grad[1]).toBeCloseTo(0.8, 5);
    value.dispose();
    theta.dispose();
    famo.dispose();
  });

  it('leaks no tensors', () => {
    const famo = new Famo(3, { learningRate: 0.01, decay: 0.01 });
    const previous = tf.tensor1d([1, 2, 3]);
    const current = tf.tensor1d([0.9, 1.5, 3.1]);
    expect(
      tensorGrowth(() => {
        famo.update(previous, current);
        famo.weights(current).dispose();
        famo.taskDistribution().dispose();
      }),
    ).toBe(0);
    tf.dispose([previous, current]);
    famo.dispose();
  });
});
