import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close';
import { meanSd, seedNoiseVerdict } from './seedNoise';

describe('seed noise', () => {
  it('mean and sample sd', () => {
    const { mean, sd } = meanSd([0.5, 0.6, 0.7]);
    expectClose([mean, sd], [0.6, 0.1], 1e-12);
    expect(meanSd([0.4]).sd).toBe(0);
  });

  it.each([
    // singles, multis, verdict
    [[0.2, 0.25, 0.3], [0.5, 0.52, 0.55], 'gain'],
    [[0.5, 0.52, 0.55], [0.2, 0.25, 0.3], 'loss'],
    // +0.05 with sd 0.1 on one side: within 2 sd.
    [[0.1, 0.3, 0.2], [0.25, 0.26, 0.24], 'within seed noise'],
    [[0.2], [0.5], 'one seed'],
  ] as const)('%j vs %j → %s', (single, multi, verdict) => {
    expect(seedNoiseVerdict(single, multi).verdict).toBe(verdict);
  });

  it('lower-is-better metrics flip gain and loss', () => {
    expect(seedNoiseVerdict([1, 1.01, 0.99], [0.5, 0.51, 0.49], false).verdict).toBe('gain');
  });
});
