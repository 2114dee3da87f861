import { describe, expect, it } from 'vitest';
import { learningRateFactor } from './learningRate';

describe('learning-rate schedule', () => {
  it('warms up linearly, then stays constant', () => {
    expect([1, 2, 4, 5, 100].map((s) => learningRateFactor('constant', 4, s, 100))).toEqual([0.25, 0.5, 1, 1, 1]);
    expect(learningRateFactor('constant', 0, 1, 100)).toBe(1);
  });

  it('a short run warms up for at most a tenth of its steps', () => {
    expect([1, 2, 3].map((s) => learningRateFactor('constant', 100, s, 20))).toEqual([0.5, 1, 1]);
    expect(learningRateFactor('constant', 100, 1, 5)).toBe(1);
  });

  it('cosine: full rate after the warm-up, half-way between full and the floor at mid-run, a tenth at the last step', () => {
    expect(learningRateFactor('cosine', 10, 10, 110)).toBe(1);
    expect(learningRateFactor('cosine', 10, 60, 110)).toBeCloseTo(0.55, 10);
    expect(learningRateFactor('cosine', 10, 110, 110)).toBeCloseTo(0.1, 10);
    expect(learningRateFactor('cosine', 0, 1, 1)).toBeCloseTo(0.1, 10);
    // Monotone after the warm-up.
    const curve = Array.from({ length: 100 }, (_, i) => learningRateFactor('cosine', 0, i + 1, 100));
    expect(curve.every((v, i) => i === 0 || v <= (curve[i - 1] as number))).toBe(true);
  });
});
