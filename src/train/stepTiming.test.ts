import * as tf from '../tf';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tinyData, tinyExperiment, useCpuBackend } from '../testing/toy';
import { ThrowawaySteps } from './session/throwawaySteps';
import { timeTrainingSteps } from './stepTiming';

beforeAll(useCpuBackend);
afterEach(() => vi.restoreAllMocks());

describe('timeTrainingSteps', () => {
  it('times later steps on the first step batches, so a new padded length does not add compilation', async () => {
    const config = tinyExperiment({});
    const data = tinyData(config);
    const draw = vi.spyOn(ThrowawaySteps.prototype, 'draw');
    const take = vi.spyOn(ThrowawaySteps.prototype, 'take');
    const before = tf.memory().numTensors;
    const timing = await timeTrainingSteps(config, data, { cutoffMs: Infinity, budgetMs: Infinity }, 3);
    expect(timing.estimated).toBe(false);
    expect(timing.msPerStep).toBeGreaterThan(0);
    expect(draw).toHaveBeenCalledTimes(1);
    expect(take.mock.calls.map(([n]) => n)).toEqual([1, 2, 3, 4]);
    const first = draw.mock.results[0]?.value as unknown;
    expect(take.mock.calls.every(([, batches]) => batches === first)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops after the first step when it takes longer than the cutoff, and says the figure is an estimate', async () => {
    const config = tinyExperiment({});
    const timing = await timeTrainingSteps(config, tinyData(config), { cutoffMs: 0, budgetMs: Infinity });
    expect(timing).toMatchObject({ estimated: true });
    expect(timing.msPerStep).toBe(timing.firstStepMs);
  });
});
