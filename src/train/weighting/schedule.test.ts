import { describe, expect, it } from 'vitest';
import { samplingProbabilities, TaskScheduler } from './schedule';

function frequencies(scheduler: TaskScheduler, draws: number): number[] {
  const counts = new Array<number>(scheduler.taskCount).fill(0);
  let drawnPerStep = 0;
  for (let step = 0; step < draws; step++) {
    const tasks = scheduler.next(step);
    drawnPerStep = Math.max(drawnPerStep, tasks.length);
    const task = tasks[0] as number;
    counts[task] = (counts[task] as number) + 1;
  }
  expect(drawnPerStep).toBe(1);
  return counts.map((c) => c / draws);
}

describe('TaskScheduler', () => {
  it("'all' trains every task every step", () => {
    const scheduler = new TaskScheduler('all', [10, 20, 30], 1, 0);
    expect(scheduler.next(0)).toEqual([0, 1, 2]);
    expect(scheduler.next(17)).toEqual([0, 1, 2]);
  });

  it("'roundrobin' cycles step mod T", () => {
    const scheduler = new TaskScheduler('roundrobin', [10, 20, 30], 1, 0);
    expect([0, 1, 2, 3, 4, 5, 6].map((s) => scheduler.next(s)[0])).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });

  it("'proportional' samples p_i ∝ N_i (20,000 draws)", () => {
    const scheduler = new TaskScheduler('proportional', [1000, 3000, 6000], 1, 42);
    expect(scheduler.probabilities).toEqual([0.1, 0.3, 0.6]);
    // Binomial standard error ≤ 0.0035; allow 0.015.
    frequencies(scheduler, 20_000).forEach((f, i) => expect(Math.abs(f - [0.1, 0.3, 0.6][i]!)).toBeLessThan(0.015));
  });

  it("'temperature' samples p_i ∝ N_i^{1/τ}", () => {
    const sizes = [1000, 3000, 6000];
    // τ = 2: √N = [31.62, 54.77, 77.46] / 163.85.
    const expected = [0.193, 0.33428, 0.47273];
    const scheduler = new TaskScheduler('temperature', sizes, 2, 9);
    scheduler.probabilities.forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 4));
    frequencies(scheduler, 20_000).forEach((f, i) => expect(Math.abs(f - expected[i]!)).toBeLessThan(0.015));
  });

  it('temperature 1 equals proportional; a large temperature approaches uniform', () => {
    const sizes = [100, 900, 5000];
    expect(samplingProbabilities('temperature', sizes, 1)).toEqual(samplingProbabilities('proportional', sizes, 1));
    const nearUniform = samplingProbabilities('temperature', sizes, 1000);
    nearUniform.forEach((p) => expect(Math.abs(p - 1 / 3)).toBeLessThan(0.002));
    frequencies(new TaskScheduler('temperature', sizes, 1000, 3), 20_000).forEach((f) =>
      expect(Math.abs(f - 1 / 3)).toBeLessThan(0.015),
    );
  });

  it('is reproducible for a seed and differs across seeds; an empty dataset is never drawn', () => {
    const draw = (seed: number) => {
      const scheduler = new TaskScheduler('proportional', [5, 0, 5], 1, seed);
      return Array.from({ length: 200 }, (_, step) => scheduler.next(step)[0]);
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(1)).not.toContain(1);
  });

  it('rejects invalid input', () => {
    expect(() => new TaskScheduler('proportional', [], 1, 0)).toThrow(/no tasks/);
    expect(() => new TaskScheduler('proportional', [0, 0], 1, 0)).toThrow(/empty/);
    expect(() => new TaskScheduler('temperature', [1, 2], 0, 0)).toThrow(/temperature/);
    expect(() => new TaskScheduler('proportional', [-1, 2], 1, 0)).toThrow(/non-negative/);
  });
});
