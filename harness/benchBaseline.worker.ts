/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { selectBackend, TFJS_WEBGPU_DEFAULTS } from '../src/worker/backend';
import type { BaselineReply, BaselineRequest, BaselineTask } from './benchProtocol';

/**
 * The plain TensorFlow.js way to train the same multi-task model, for
 * `npm run bench`'s ratio A: one tf.LayersModel per task over shared layers
 * (embedding → Conv1D stack like src/model/cnnEncoder.ts → the task's dense
 * head; sentence classification pools mean and max over time like
 * src/model/head.ts), each compiled with its own Adam and trained with
 * `trainOnBatch`, one task after another. Token ids and labels are random:
 * the time of a step does not depend on the values, only on the shapes,
 * which are the very batch shapes the project's sampler draws.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

function buildModels(req: BaselineRequest): tf.LayersModel[] {
  const ids = tf.input({ shape: [null], dtype: 'int32', name: 'ids' });
  // Shared layers: created once, applied once, reused by every task's model (weights are shared).
  let h = tf.layers
    .embedding({ inputDim: req.vocabularySize, outputDim: req.embeddingDim, name: 'embedding' })
    .apply(ids) as tf.SymbolicTensor;
  for (let l = 0; l < req.encoderLayers; l++) {
    // Same shape of encoder as the project's: 'same' convolutions with ReLU, later layers residual and dilated 1, 2, 4, …
    const conv = tf.layers.conv1d({
      filters: req.hiddenSize,
      kernelSize: req.kernelSize,
      padding: 'same',
      dilationRate: l === 0 ? 1 : 2 ** (l - 1),
      activation: 'relu',
      name: `conv${l}`,
    });
    const out = conv.apply(h) as tf.SymbolicTensor;
    h = l === 0 ? out : (tf.layers.add({ name: `residual${l}` }).apply([h, out]) as tf.SymbolicTensor);
  }
  const trunk = h;
  return req.tasks.map((task) => {
    let x =
      task.kind === 'classification'
        ? (tf.layers
            .concatenate({ name: `${task.name}_pool` })
            .apply([
              tf.layers.globalAveragePooling1d({ name: `${task.name}_mean` }).apply(trunk) as tf.SymbolicTensor,
              tf.layers.globalMaxPooling1d({ name: `${task.name}_max` }).apply(trunk) as tf.SymbolicTensor,
            ]) as tf.SymbolicTensor)
        : trunk;
    for (let d = 0; d < req.headLayers; d++)
      x = tf.layers
        .dense({ units: req.hiddenSize, activation: 'relu', name: `${task.name}_hidden${d}` })
        .apply(x) as tf.SymbolicTensor;
    const output = tf.layers
      .dense({ units: task.numLabels, activation: 'softmax', name: `${task.name}_output` })
      .apply(x) as tf.SymbolicTensor;
    const model = tf.model({ inputs: ids, outputs: output, name: task.name });
    model.compile({ optimizer: tf.train.adam(req.learningRate), loss: 'categoricalCrossentropy' });
    return model;
  });
}

/** Random ids and one-hot labels of the step's shape, built on the CPU as a user's data pipeline would. */
function randomBatch(
  task: BaselineTask,
  shape: readonly [number, number],
  vocabularySize: number,
): { xs: tf.Tensor; ys: tf.Tensor } {
  const [rows, length] = shape;
  const ids = new Int32Array(rows * length);
  for (let i = 0; i < ids.length; i++) ids[i] = 1 + Math.floor(Math.random() * (vocabularySize - 1));
  const targets = task.kind === 'tagging' ? rows * length : rows;
  const oneHot = new Float32Array(targets * task.numLabels);
  for (let i = 0; i < targets; i++) oneHot[i * task.numLabels + Math.floor(Math.random() * task.numLabels)] = 1;
  return {
    xs: tf.tensor2d(ids, [rows, length], 'int32'),
    ys:
      task.kind === 'tagging'
        ? tf.tensor3d(oneHot, [rows, length, task.numLabels])
        : tf.tensor2d(oneHot, [rows, task.numLabels]),
  };
}

async function run(req: BaselineRequest): Promise<BaselineReply> {
  // The plain-TF.js baseline runs on tfjs's own defaults, not the project's WebGPU tuning (WEBGPU_FLAGS), unless --flags says otherwise.
  tf.env().setFlags(TFJS_WEBGPU_DEFAULTS);
  if (req.flags) tf.env().setFlags(req.flags);
  const backend = await selectBackend(req.backend);
  const models = buildModels(req);
  const weights = new Set(models.flatMap((m) => m.trainableWeights));
  const parameterCount = [...weights].reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
  const stepMs: number[] = [];
  for (let step = 0; step < req.steps; step++) {
    const started = performance.now();
    for (const [i, task] of req.tasks.entries()) {
      const shape = task.shapes[step % task.shapes.length] ?? [1, 8];
      const { xs, ys } = randomBatch(task, shape, req.vocabularySize);
      try {
        await (models[i] as tf.LayersModel).trainOnBatch(xs, ys);
      } finally {
        xs.dispose();
        ys.dispose();
      }
    }
    stepMs.push(performance.now() - started);
  }
  // No dispose: the models share layers (a second dispose throws), and the page ends this worker on the reply.
  return { kind: 'done', backend, stepMs, parameterCount };
}

scope.onmessage = (event: MessageEvent<BaselineRequest>) => {
  run(event.data).then(
    (reply) => scope.postMessage(reply),
    (err: unknown) =>
      scope.postMessage({
        kind: 'error',
        message: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      } satisfies BaselineReply),
  );
};
