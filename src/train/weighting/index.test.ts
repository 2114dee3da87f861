import { describe, expect, it } from 'vitest';
import * as weighting from './index';

describe('weighting index', () => {
  it('re-exports the public API', () => {
    const names = [
      'WEIGHTING_METHODS',
      'SCHEDULES',
      'METHOD_INFO',
      'flattenGradients',
      'pcgrad',
      'pairwiseCosines',
      'pairNames',
      'taskPairs',
      'normShares',
      'gradientNorms',
      'UncertaintyWeighting',
      'DynamicWeightAverage',
      'GradNorm',
      'Famo',
      'TaskScheduler',
      'samplingProbabilities',
      'detach',
    ];
    for (const name of names) expect(weighting, name).toHaveProperty(name);
  });
});
