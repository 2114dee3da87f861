import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../src/train/events';
import { atStep, baselineWindows, median, medianMsPerStep, timedWindows } from './benchStats';

/** Progress events as the session sends them: msPerStep is cumulative over the windows after the first. */
function progressEvents(windowMs: readonly number[], every: number): TrainingEvent[] {
  let timedMs = 0;
  let timedSteps = 0;
  return windowMs.map((ms, i) => {
    if (i > 0) {
      timedMs += ms;
      timedSteps += every;
    }
    const points = Array.from({ length: every }, (_, j) => ({
      step: i * every + j + 1,
      examples: 0,
      losses: {},
      total: 1,
    }));
    return {
      type: 'progress',
      points,
      epochs: {},
      msPerStep: i === 0 ? ms / every : timedMs / timedSteps,
      tensors: 40,
    };
  });
}

describe('bench statistics', () => {
  it('recovers each window from the cumulative figure and leaves the first (warm-up) out', () => {
    const windows = timedWindows(progressEvents([9000, 500, 700, 400, 600], 5));
    expect(windows.map((w) => w.firstStep)).toEqual([6, 11, 16, 21]);
    windows.forEach((w, i) => expect(w.ms).toBeCloseTo([500, 700, 400, 600][i] as number, 6));
    expect(medianMsPerStep(windows)).toBeCloseTo(110, 6);
  });

  it('cuts baseline steps into the same windows after warm-up', () => {
    const windows = baselineWindows([5000, 1, 1, 10, 10, 20, 20], 2);
    expect(windows).toEqual([
      { firstStep: 3, steps: 2, ms: 11 },
      { firstStep: 5, steps: 2, ms: 30 },
      { firstStep: 7, steps: 1, ms: 20 },
    ]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('reads a sample at a step from the event that covers it', () => {
    const samples = [10, 20, 30].map((step) => ({ step, value: step * 2 }));
    expect(atStep(samples, 15)).toBe(40);
    expect(atStep(samples, 30)).toBe(60);
    expect(atStep(samples, 31)).toBeNull();
  });
});
