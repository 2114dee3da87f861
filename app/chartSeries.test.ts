import { describe, expect, it } from 'vitest';
import { trainingLossSeries, validationLossSeries, type RunCurves } from './chartSeries';

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
    expect(raw.map((s) => s.points.map((p) => p.y))).toEqual([[2, 1], [0.5, 0.25], [2.5, 1.25]]);
    const relative = trainingLossSeries(run, 'step', false, 'relative');
    expect(relative.map((s) => s.points.map((p) => p.y))).toEqual([[1, 0.5], [1, 0.5], [1, 0.5]]);
    expect(relative[0]?.points.map((p) => p.x)).toEqual([1, 2]);
  });

  it('relative validation losses start at each task\'s first finite loss; gaps stay gaps', () => {
    const relative = validationLossSeries(run, 'step', false, 'relative');
    expect(relative[0]?.points.map((p) => p.y)).toEqual([1, 0.75]);
    expect(relative[1]?.points.map((p) => p.y)).toEqual([NaN, 1]);
  });
});
