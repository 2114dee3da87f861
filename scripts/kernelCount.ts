import * as tf from '../src/tf';
import { parseArgs } from 'node:util';
import { BatchSampler, type Batch } from '../src/data/batching';
import { Random } from '../src/data/random';
import { MtlModel, modelSpecFor } from '../src/model/mtlModel';
import { BalancedTrainer } from '../src/train/balancedTrainer';
import { modelTasks } from '../src/train/session';
import { tinyData, tinyExperiment, useCpuBackend } from '../src/testing/toy';

/**
 * Kernels launched by one training step of the default three-task preset
 * (the page's defaults, on the built-in samples), counted with tf.profile on
 * the CPU backend. On a GPU a small model's step time follows the number of
 * kernel launches, and unlike a time this count is the same on every run:
 * a before/after figure that no other load on the machine can disturb.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { weighting: { type: 'string' }, top: { type: 'string' } } });
  await useCpuBackend();
  const config = tinyExperiment({
    embeddingDim: 32,
    hiddenSize: 32,
    encoderLayers: 1,
    batchSize: 16,
    maxLength: 48,
    weighting: values.weighting ?? 'manual',
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
  for (let i = 0; i < 3; i++) step().dispose();
  const info = await tf.profile(() => step());
  if (process.env.KERNEL_DETAIL)
    for (const k of info.kernels.filter((k) => k.name === process.env.KERNEL_DETAIL))
      process.stderr.write(`${JSON.stringify(k.inputShapes)} -> ${JSON.stringify(k.outputShapes)}\n`);
  const byName = new Map<string, number>();
  for (const k of info.kernels) byName.set(k.name, (byName.get(k.name) ?? 0) + 1);
  const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top ?? 12));
  process.stdout.write(
    `${JSON.stringify({ weighting: config.weighting, kernelsPerStep: info.kernels.length, variables: model.paramGroups().reduce((n, g) => n + g.vars.length, 0), top: Object.fromEntries(top) }, null, 2)}\n`,
  );
  (info.result as tf.Tensor).dispose();
  trainer.dispose();
  model.dispose();
}

main().catch((err: unknown) => {
  process.stderr.write(`kernel count failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
