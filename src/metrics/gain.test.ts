import { describe, expect, it } from 'vitest';
import { relativeGain } from './gain';

describe('relativeGain', () => {
  it('computes per-task relative change and Δm with the lower-is-better sign flip', () => {
    const { perTask, deltaM } = relativeGain([
      { task: 'ner', single: 0.8, multi: 0.84, higherIsBetter: true }, // +5 %
      { task: 'pos', single: 0.9, multi: 0.88, higherIsBetter: true }, // −2.222 %
      { task: 'perplexity', single: 2, multi: 1.5, higherIsBetter: false }, // +25 %
    ]);
    expect(perTask.map((r) => r.task)).toEqual(['ner', 'pos', 'perplexity']);
    expect(perTask[0]!.difference).toBeCloseTo(0.04, 10);
    expect(perTask[0]!.relative).toBeCloseTo(5, 10);
    expect(perTask[1]!.relative).toBeCloseTo(-2.2222222, 6);
    expect(perTask[2]!.difference).toBeCloseTo(-0.5, 10);
    expect(perTask[2]!.relative).toBeCloseTo(25, 10);
    expect(perTask.map((r) => r.negativeTransfer)).toEqual([false, true, false]);
    expect(deltaM).toBeCloseTo((5 - 2.2222222 + 25) / 3, 6); // 9.259259
  });

  it('a worse lower-is-better metric is negative transfer; no rows gives NaN', () => {
    const { perTask, deltaM } = relativeGain([{ task: 'loss', single: 0.5, multi: 0.6, higherIsBetter: false }]);
    expect(perTask[0]!.relative).toBeCloseTo(-20, 10);
    expect(perTask[0]!.negativeTransfer).toBe(true);
    expect(deltaM).toBeCloseTo(-20, 10);
    expect(relativeGain([]).deltaM).toBeNaN();
    expect(relativeGain([{ task: 'x', single: 0, multi: 1, higherIsBetter: true }]).perTask[0]!.relative).toBeNaN();
  });
});
