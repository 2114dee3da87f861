import * as tf from '../../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { MtlModel } from '../../model/mtlModel';
import { testModelSpec } from '../../testing/modelSpec';
import { tinyData, tinyExperiment, useCpuBackend } from '../../testing/toy';
import type { TrainingEvent } from '../events';
import { TrainingSession } from '../session';
import { WeightAverage } from './weightAverage';

beforeAll(useCpuBackend);

/** Every weight of the model, as plain numbers by name. */
function weightsOf(model: MtlModel): Map<string, Float32Array> {
  return new Map([...model.namedWeights()].map(([name, v]) => [name, v.dataSync() as Float32Array]));
}

/** Sets every weight of the model to `value`. */
function fill(model: MtlModel, value: number): void {
  tf.tidy(() => {
    for (const v of model.namedWeights().values()) v.assign(tf.fill(v.shape, value));
  });
}

describe('WeightAverage', () => {
  it('decays slowly at first, then at the chosen rate', () => {
    expect(WeightAverage.decayAt(0.999, 0)).toBeCloseTo(0.1);
    expect(WeightAverage.decayAt(0.999, 10)).toBeCloseTo(11 / 20);
    expect(WeightAverage.decayAt(0.9, 1000)).toBe(0.9);
  });

  it('averages the live weights step by step, and scores with the average without losing the live weights', async () => {
    const model = new MtlModel(testModelSpec(), 1);
    fill(model, 0);
    const before = tf.memory().numTensors;
    const average = new WeightAverage(model, 0.5);
    // One tensor, the flat average, whatever the number of weights.
    expect(tf.memory().numTensors).toBe(before + 1);
    // d_0 = min(0.5, 1/10) = 0.1: avg = 0 + 0.9·(2 − 0) = 1.8; d_1 = min(0.5, 2/11) = 2/11: avg = 1.8 + (9/11)(4 − 1.8) = 3.6.
    fill(model, 2);
    average.update();
    fill(model, 4);
    average.update();
    expect(tf.memory().numTensors).toBe(before + 1);
    const seen = await average.withAverage(async () => weightsOf(model));
    for (const values of seen.values()) for (const x of values) expect(x).toBeCloseTo(3.6, 5);
    // The live weights are back, unchanged.
    for (const values of weightsOf(model).values()) for (const x of values) expect(x).toBe(4);
    expect(tf.memory().numTensors).toBe(before + 1);
    average.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('is off at decay 0: the model is scored as it is', async () => {
    const model = new MtlModel(testModelSpec(), 1);
    const average = new WeightAverage(model, 0);
    const before = tf.memory().numTensors;
    fill(model, 2);
    average.update();
    fill(model, 4);
    average.update();
    expect(average.enabled).toBe(false);
    const seen = await average.withAverage(async () => weightsOf(model));
    for (const values of seen.values()) for (const x of values) expect(x).toBe(4);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('refuses a decay outside [0, 1)', () => {
    const model = new MtlModel(testModelSpec(), 1);
    expect(() => new WeightAverage(model, 1)).toThrow(/decay/);
    model.dispose();
  });

  it('in a run: validation scores the average, the final weights are the averaged checkpoint, and no tensor leaks', async () => {
    const run = async (weightAverage: number) => {
      const config = tinyExperiment({ steps: 12, emitEvery: 4, evalEvery: 6, patience: 0, weightAverage });
      const events: TrainingEvent[] = [];
      const session = new TrainingSession(config, tinyData(config), (e) => events.push(e));
      const result = await session.run();
      const final = weightsOf(session.model);
      session.dispose();
      const losses = events.flatMap((e) => (e.type === 'progress' ? e.points.map((p) => p.losses) : []));
      return { result, final, losses, validations: events.filter((e) => e.type === 'validation') };
    };
    const before = tf.memory().numTensors;
    const plain = await run(0);
    const averaged = await run(0.9);
    expect(tf.memory().numTensors).toBe(before);
    expect(averaged.validations).toHaveLength(2);
    // Training itself is untouched (same losses step by step); only the weights scored and kept differ.
    expect(averaged.losses).toEqual(plain.losses);
    const name = [...plain.final.keys()].find((n) => n.includes('embedding')) as string;
    expect(averaged.final.get(name)).not.toEqual(plain.final.get(name));
    expect(Object.keys(averaged.result.test)).toEqual(Object.keys(plain.result.test));
  });
});
