import type * as tf from '@tensorflow/tfjs';
import { BatchSampler, type Batch } from '../src/data/batching';
import { Random } from '../src/data/random';
import { MtlModel, modelSpecFor } from '../src/model/mtlModel';
import { BalancedTrainer } from '../src/train/balancedTrainer';
import { modelTasks } from '../src/train/session';
import { tinyData, tinyExperiment } from '../src/testing/toy';

/**
 * One training step of the three-task preset on the built-in samples, as
 * `npm run bench:kernels` counts it (in Node on the CPU backend, or in
 * Chromium on WebGPU): the same small model every time, so counts compare
 * across commits. Runs on whichever backend is active.
 */
export function presetStep(weighting: string): { step: () => tf.Tensor; variables: number; dispose: () => void } {
  const config = tinyExperiment({
    embeddingDim: 32,
    hiddenSize: 32,
    encoderLayers: 1,
    batchSize: 16,
    maxLength: 48,
    weighting,
  });
  const data = tinyData(config);
  const model = new MtlModel(modelSpecFor(config, data.vocabulary.size, modelTasks(data)), config.seed);
  const trainer = new BalancedTrainer(
    model,
    { learningRate: config.learningRate, clipNorm: config.clipNorm, lambda: config.lambda },
    config,
    20,
  );
  const samplers = data.tasks.map(
    (t, i) =>
      [
        t.spec.name,
        new BatchSampler(
          t.splits.train,
          config.batchSize,
          config.maxLength,
          new Random(i + 1),
          data.tokenEncoder.idsPerToken,
        ),
      ] as const,
  );
  const batches = () => new Map<string, Batch>(samplers.map(([name, s]) => [name, s.next()]));
  const trained = data.tasks.map((_, i) => i);
  const step = () =>
    config.weighting === 'manual'
      ? trainer.step(batches(), config.weights)
      : trainer.balancedStep(batches(), config.weights, { trained, measure: false });
  return {
    step,
    variables: model.paramGroups().reduce((n, g) => n + g.vars.length, 0),
    dispose: () => {
      trainer.dispose();
      model.dispose();
    },
  };
}

/** Kernels by name, most frequent first. */
export function countByName(names: readonly string[], top: number): Record<string, number> {
  const byName = new Map<string, number>();
  for (const n of names) byName.set(n, (byName.get(n) ?? 0) + 1);
  return Object.fromEntries([...byName].sort((a, b) => b[1] - a[1]).slice(0, top));
}
