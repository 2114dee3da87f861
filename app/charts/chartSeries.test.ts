import { describe, expect, it } from 'vitest';
import {
  metricSeries,
  trainingLossSeries,
  validationLossSeries,
  validationNeedsPoints,
  type RunCurves,
} from './chartSeries';

const run: RunCurves = {
  id: 'r',
  name: 'run',
  tasks: ['ner', 'sentiment'],
  points: [
    { step: 1, examples: 16, losses: { ner: 2, sentiment: 0.5 }, total: 2.5 },
    { step: 2, examples: 32, losses: { ner: 1, sentiment: 0.25 }, total: 1.25 },
  ],
  validations: [
    { step: 2, losses: { ner: 4, sentiment: NaN }, metrics: {}, weightedLoss: 4, improved: true },
    { step: 4, losses: { ner: 3, sentiment: 0.2 }, metrics: {}, weightedLoss: 3.2, improved: true },
  ],
};

describe('loss view', () => {
  it('raw keeps the losses; relative divides each curve by its own first loss', () => {
    const raw = trainingLossSeries(run, 'step');
    expect(raw.map((s) => s.points.map((p) => p.y))).toEqual([
      [2, 1],
      [0.5, 0.25],
      [2.5, 1.25],
    ]);
    const relative = trainingLossSeries(run, 'step', false, 'relative');
    expect(relative.map((s) => s.points.map((p) => p.y))).toEqual([
      [1, 0.5],
      [1, 0.5],
      [1, 0.5],
    ]);
    expect(relative[0]?.points.map((p) => p.x)).toEqual([1, 2]);
  });

  it("relative validation losses start at each task's first finite loss; gaps stay gaps", () => {
    const relative = validationLossSeries(run, 'step', false, 'relative');
    expect(relative[0]?.points.map((p) => p.y)).toEqual([1, 0.75]);
    expect(relative[1]?.points.map((p) => p.y)).toEqual([NaN, 1]);
  });
});

describe('examples axis', () => {
  it('a validation point saved before it carried its examples maps its step through the loss points (or their rate past the last one)', () => {
    expect(validationNeedsPoints(run, 'examples')).toBe(true);
    expect(validationNeedsPoints(run, 'step')).toBe(false);
    expect(validationLossSeries(run, 'examples')[0]?.points.map((p) => p.x)).toEqual([32, 64]);
  });

  it('a validation point with its own examples count is placed by it, without the loss points', () => {
    const counted: RunCurves = {
      ...run,
      points: [],
      validations: run.validations.map((v, i) => ({
        ...v,
        examples: 100 * (i + 1),
        metrics: { ner: { accuracy: 0.5 } },
      })),
    };
    expect(validationNeedsPoints(counted, 'examples')).toBe(false);
    expect(validationLossSeries(counted, 'examples')[0]?.points.map((p) => p.x)).toEqual([100, 200]);
    expect(metricSeries(counted, 'examples')[0]?.points.map((p) => p.x)).toEqual([100, 200]);
  });
});
