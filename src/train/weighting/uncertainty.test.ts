import * as tf from '../../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../data/random';
import { take, tensorGrowth } from '../../testing/testSupport';
import { UncertaintyWeighting } from './uncertainty';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Minimises the objective over s with plain gradient descent; returns the final s. */
function optimise(
  weighting: UncertaintyWeighting,
  lossesFor: (step: number) => number[],
  steps: number,
  learningRate: number,
): number[] {
  const optimizer = tf.train.sgd(learningRate);
  for (let step = 0; step < steps; step++) {
    const values = lossesFor(step);
    tf.tidy(() => {
      const losses = values.map((v) => tf.scalar(v));
      const { grads } = tf.variableGrads(() => weighting.objective(losses), weighting.variables);
      optimizer.applyGradients(grads);
    });
  }
  optimizer.dispose();
  return Array.from(weighting.logVariance.dataSync());
}

describe('UncertaintyWeighting', () => {
  it('starts at s = −0.5 with objective Σ J/(2e^s) + s/2', () => {
    const weighting = new UncertaintyWeighting(2);
    const weights = take(weighting.effectiveWeights());
    weights.forEach((w) => expect(w).toBeCloseTo(0.5 * Math.exp(0.5), 5));
    const objective = weighting.objective([tf.scalar(1), tf.scalar(3)]);
    expect(objective.dataSync()[0]).toBeCloseTo((4 * Math.exp(0.5)) / 2 - 0.5, 4);
    objective.dispose();
    weighting.dispose();
  });

  it('with fixed losses J_i, reaches the stationary point s_i = log J_i (weights 1/(2J_i))', () => {
    // ∂/∂s (J e^{−s}/2 + s/2) = (1 − J e^{−s})/2 = 0  ⇔  e^s = J.
    const fixed = [0.1, 0.5, 2];
    const weighting = new UncertaintyWeighting(3);
    const s = optimise(weighting, () => fixed, 300, 0.5);
    s.forEach((v, i) => expect(v).toBeCloseTo(Math.log(fixed[i] as number), 3));
    const weights = take(weighting.effectiveWeights());
    weights.forEach((w, i) => expect(w).toBeCloseTo(1 / (2 * (fixed[i] as number)), 2));
    weighting.dispose();
  });

  it('with noisy squared-error losses of noise σ_i, e^{s_i} → σ_i² (Gaussian weight 1/(2σ²))', () => {
    // J_i is the mean squared residual of N(0, σ_i²) noise, E[J_i] = σ_i².
    // SGD on s averages the noise, so e^{s_i} settles near σ_i².
    const sigmas = [0.5, 1, 2];
    const random = new Random(5);
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
    const meanSquare = (sigma: number) => {
      let sum = 0;
      for (let k = 0; k < 16; k++) sum += (sigma * gaussian()) ** 2;
      return sum / 16;
    };
    const weighting = new UncertaintyWeighting(3);
    const s = optimise(weighting, () => sigmas.map(meanSquare), 1500, 0.02);
    s.forEach((v, i) => expect(Math.exp(v) / (sigmas[i] as number) ** 2).toBeGreaterThan(0.85));
    s.forEach((v, i) => expect(Math.exp(v) / (sigmas[i] as number) ** 2).toBeLessThan(1.15));
    weighting.dispose();
  });

  it('weights only the listed tasks and gives the others zero gradient', () => {
    const weighting = new UncertaintyWeighting(3, 0);
    const { value, grads } = tf.variableGrads(() => weighting.objective([tf.scalar(2)], [1]), weighting.variables);
    expect(value.dataSync()[0]).toBeCloseTo(1, 5); // 2/(2·1) + 0/2
    const grad = take(grads[weighting.logVariance.name] as tf.Tensor);
    expect(grad[0]).toBe(0);
    expect(grad[1]).toBeCloseTo(-0.5, 5); // (1 − 2)/2
    expect(grad[2]).toBe(0);
    value.dispose();
    weighting.dispose();
  });

  it('leaks no tensors', () => {
    const weighting = new UncertaintyWeighting(2);
    const losses = [tf.scalar(1), tf.scalar(2)];
    expect(
      tensorGrowth(() => {
        weighting.objective(losses).dispose();
        weighting.effectiveWeights().dispose();
      }),
    ).toBe(0);
    tf.dispose(losses);
    weighting.dispose();
  });
});
