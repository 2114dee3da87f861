import { describe, expect, it } from 'vitest';
import { DynamicWeightAverage } from './dwa';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('DynamicWeightAverage', () => {
  it('gives weight 1 to every task until two windows exist', () => {
    const dwa = new DynamicWeightAverage(3);
    expect(dwa.weights()).toEqual([1, 1, 1]);
    dwa.push([1, 2, 3]);
    expect(dwa.weights()).toEqual([1, 1, 1]);
  });

  it('gives equal weights when every loss falls by the same ratio', () => {
    const dwa = new DynamicWeightAverage(3);
    dwa.push([2, 4, 1]);
    dwa.push([1, 2, 0.5]);
    dwa.weights().forEach((w) => expect(w).toBeCloseTo(1, 10));
  });

  it('gives more weight to the task whose loss falls slower; weights sum to T', () => {
    const dwa = new DynamicWeightAverage(2, 2);
    dwa.push([1, 1]);
    dwa.push([0.9, 0.5]);
    // r = [0.9, 0.5]; w = 2·softmax([0.45, 0.25]) = [1.09966, 0.90034].
    const [slow, fast] = dwa.weights() as [number, number];
    expect(slow).toBeCloseTo(1.09966, 4);
    expect(fast).toBeCloseTo(0.90034, 4);
    expect(slow + fast).toBeCloseTo(2, 10);
  });

  it('uses only the last two windows and a sharper softmax at low temperature', () => {
    const dwa = new DynamicWeightAverage(3, 0.1);
    dwa.push([9, 9, 9]);
    dwa.push([1, 1, 1]);
    dwa.push([1, 0.5, 0.8]);
    const weights = dwa.weights();
    expect(sum(weights)).toBeCloseTo(3, 10);
    // r = [1, 0.5, 0.8] (the [9,9,9] window is forgotten); 3·softmax(r/0.1) = 3·softmax([10, 5, 8]).
    [2.6268, 0.0177, 0.3555].forEach((w, i) => expect(weights[i]).toBeCloseTo(w, 4));
  });
});
