import * as tf from '../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../data/batching';
import { BatchSampler } from '../data/batching';
import { Random } from '../data/random';
import { MtlModel, modelSpecFor } from '../model/mtlModel';
import { modelTasks } from './session';
import { tinyData, tinyExperiment, useCpuBackend } from '../testing/toy';
import { MtlTrainer } from './trainer';

beforeAll(useCpuBackend);

function setup(overrides: Record<string, unknown> = {}, dropout: { headDropout?: number; dropout?: number } = {}) {
  const config = tinyExperiment(overrides);
  const data = tinyData(config);
  const model = new MtlModel(modelSpecFor(config, data.vocabulary.size, modelTasks(data)), config.seed);
  const trainer = new MtlTrainer(model, {
    learningRate: config.learningRate,
    clipNorm: config.clipNorm,
    lambda: config.lambda,
    ...dropout,
  });
  const samplers = data.tasks.map(
    (t, i) =>
      [
        t.spec.name,
        new BatchSampler(
          t.splits.train,
          config.batchSize,
          config.maxLength,
          new Random(i),
          data.tokenEncoder.idsPerToken,
        ),
      ] as const,
  );
  const nextBatches = () => new Map<string, Batch>(samplers.map(([name, s]) => [name, s.next()]));
  const run = async (steps: number, weights = config.weights) => {
    const out: number[][] = [];
    for (let i = 0; i < steps; i++) {
      const losses = trainer.step(nextBatches(), weights);
      out.push(Array.from(await losses.data()));
      losses.dispose();
    }
    return out;
  };
  const dispose = () => {
    trainer.dispose();
    model.dispose();
  };
  return { config, model, trainer, run, nextBatches, dispose };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('MtlTrainer', () => {
  it('losses fall on the learnable sample tasks (hard sharing)', async () => {
    const { run, dispose } = setup({ learningRate: 0.02 });
    const losses = await run(40);
    dispose();
    // Columns: sentiment, ner, pos, total. Compare the first and last five steps;
    // sentiment (one label per sentence, 8 units) learns slowest.
    const factors = [0.9, 0.6, 0.6, 0.7];
    factors.forEach((factor, column) => {
      const first = mean(losses.slice(0, 5).map((row) => row[column] as number));
      const last = mean(losses.slice(-5).map((row) => row[column] as number));
      expect(last, `column ${column}`).toBeLessThan(first * factor);
    });
  });

  it.each([
    ['hard', 'word', '3'],
    ['hard', 'features', '3'],
    ['hard', 'features', '2-4'],
    ['hard', 'chars', '3'],
    ['soft', 'features', '3'],
  ])(
    '%s sharing, %s representation (suffixes %s): tf.memory().numTensors is the same after step 10 and step 50',
    async (sharing, representation, suffixes) => {
      const { run, dispose } = setup({ sharing, representation, suffixes, wordDropout: 0.5 });
      await run(10);
      const after10 = tf.memory().numTensors;
      await run(40);
      expect(tf.memory().numTensors).toBe(after10);
      dispose();
    },
  );

  it('a task with w_i = 0 moves none of its head weights; the others move', async () => {
    const { model, run, dispose } = setup();
    const snapshot = (task: string) => [...model.head(task).params.vars.values()].map((v) => Array.from(v.dataSync()));
    const nerBefore = snapshot('ner');
    const posBefore = snapshot('pos');
    const losses = await run(5, { sentiment: 1, ner: 0, pos: 1 });
    expect(snapshot('ner')).toEqual(nerBefore);
    expect(snapshot('pos')).not.toEqual(posBefore);
    // Its loss is still reported, for its curve.
    expect(losses.every((row) => Number.isFinite(row[1]))).toBe(true);
    dispose();
  });

  it('the total is Σ w_i·J_i (+ λ·penalty under soft sharing)', async () => {
    const { run, dispose } = setup();
    const [row] = await run(1, { sentiment: 0.5, ner: 2, pos: 1 });
    const [s, n, p, total] = row as [number, number, number, number];
    expect(total).toBeCloseTo(0.5 * s + 2 * n + p, 4);
    dispose();
    const soft = setup({ sharing: 'soft', lambda: 1 });
    // Trunks start equal, so the first step's penalty is 0 and the total is still Σ w_i·J_i.
    const [first] = await soft.run(2);
    const [, second] = [first, (await soft.run(1))[0]];
    const [s2, n2, p2, total2] = second as [number, number, number, number];
    expect(total2).toBeGreaterThan(s2 + n2 + p2);
    soft.dispose();
  });

  it('the same seed gives the same losses', async () => {
    const a = setup();
    const b = setup();
    expect(await a.run(5)).toEqual(await b.run(5));
    a.dispose();
    b.dispose();
  });

  it('passesOnly (a step compiled ahead) changes no weight, no dropout seed and no later loss, and keeps no tensor', async () => {
    const dropout = { headDropout: 0.3, dropout: 0.3 };
    const plain = setup({}, dropout);
    const ahead = setup({}, dropout);
    const before = ahead.model.paramGroups().flatMap((g) => g.vars.map((v) => Array.from(v.dataSync())));
    const tensors = tf.memory().numTensors;
    ahead.trainer.passesOnly(ahead.nextBatches(), ahead.config.weights);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(ahead.model.paramGroups().flatMap((g) => g.vars.map((v) => Array.from(v.dataSync())))).toEqual(before);
    // The batch drawn for the passes is not trained on; the plain trainer skips it too, so both then see the same ones.
    plain.nextBatches();
    expect(await ahead.run(3)).toEqual(await plain.run(3));
    plain.dispose();
    ahead.dispose();
  });
});
