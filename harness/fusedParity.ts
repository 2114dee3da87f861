import * as tf from '../src/tf';
import { Random } from '../src/data/random';
import { FlatAdam } from '../src/train/flatAdam';
import { FUSED_KERNELS, fusedOn, fusedPathOn } from '../src/model/fusedFlag';
import {
  clipScale,
  fusedAdamOn,
  fusedLossOn,
  maskedLayerNorm,
  maskedMeanMax,
  maxout,
  weightedNll,
} from '../src/model/fusedKernels';
import { dense3d, unfold } from '../src/model/ops';
import { lookupRows } from '../src/model/rowLookup';
import { selectBackend } from '../src/worker/backend';
import { tinyData, tinyExperiment } from '../src/testing/toy';
import { ThrowawaySteps } from '../src/train/session/throwawaySteps';

/** n values drawn evenly from (offset − scale, offset + scale). */
function uniform(random: Random, n: number, scale = 1, offset = 0): Float32Array {
  return Float32Array.from({ length: n }, () => offset + (random.next() * 2 - 1) * scale);
}

/**
 * Loaded into the harness page by e2e/fusedKernels.spec.ts (never by the
 * app): runs the fused kernels on WebGPU and the op-by-op path on the CPU
 * backend on the same numbers, and returns both for the test to compare.
 */

/** One loss case: logits [rows, classes], a target and a weight per row. */
export interface LossCase {
  readonly name: string;
  readonly rows: number;
  readonly classes: number;
  /** Rows whose weight is 0 (padding, or a fully masked sentence). */
  readonly masked?: readonly number[];
  /** Rows whose target lies outside [0, classes). */
  readonly outside?: readonly number[];
  readonly spread?: number;
}

export interface LossResult {
  readonly name: string;
  readonly value: number;
  readonly grad: number[];
}

function lossInputs(c: LossCase, seed: number) {
  const random = new Random(seed);
  const spread = c.spread ?? 4;
  const logits = uniform(random, c.rows * c.classes, spread);
  const targets = Int32Array.from({ length: c.rows }, (_, r) =>
    c.outside?.includes(r) ? c.classes + r : random.int(c.classes),
  );
  const weights = Float32Array.from({ length: c.rows }, (_, r) => (c.masked?.includes(r) ? 0 : 0.5 + random.next()));
  return { logits, targets, weights };
}

async function lossOn(c: LossCase, seed: number): Promise<LossResult> {
  const { logits, targets, weights } = lossInputs(c, seed);
  const x = tf.tensor2d(logits, [c.rows, c.classes]);
  const t = tf.tensor1d(targets, 'int32');
  const w = tf.tensor1d(weights, 'float32');
  const { value, grad } = tf.valueAndGrad((l: tf.Tensor) => weightedNll(l as tf.Tensor2D, t, w))(x);
  const result = { name: c.name, value: (await value.data())[0] as number, grad: Array.from(await grad.data()) };
  tf.dispose([x, t, w, value, grad]);
  return result;
}

/** One layer-norm case: x [batch, length, width], with `masked` positions (row-major over batch × length) zeroed. */
export interface NormCase {
  readonly name: string;
  readonly shape: readonly [number, number, number];
  readonly masked?: readonly number[];
}

export interface NormResult {
  readonly name: string;
  readonly value: number[];
  /** Gradients of Σ y·r (r fixed and random) with respect to x, γ and β. */
  readonly grads: number[][];
}

async function normOn(c: NormCase, seed: number): Promise<NormResult> {
  const random = new Random(seed);
  const [b, l, d] = c.shape;
  const x = tf.tensor3d(uniform(random, b * l * d, 3, 0.5), [b, l, d]);
  const gamma = tf.tensor1d(uniform(random, d, 0.5, 1));
  const beta = tf.tensor1d(uniform(random, d, 0.5));
  const mask = tf.tensor2d(
    Float32Array.from({ length: b * l }, (_, i) => (c.masked?.includes(i) ? 0 : 1)),
    [b, l],
  );
  const probe = tf.tensor3d(uniform(random, b * l * d), [b, l, d]);
  const y = maskedLayerNorm(x, gamma, beta, mask);
  const grads = tf.grads((xx: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) =>
    tf.sum(tf.mul(maskedLayerNorm(xx as tf.Tensor3D, gg as tf.Tensor1D, bb as tf.Tensor1D, mask), probe)),
  )([x, gamma, beta]);
  const result = {
    name: c.name,
    value: Array.from(await y.data()),
    grads: await Promise.all(grads.map(async (g) => Array.from(await g.data()))),
  };
  tf.dispose([x, gamma, beta, mask, probe, y, ...grads]);
  return result;
}

/** Masked mean and max pooling of states [batch, length, width]; `masked` positions over batch × length. */
export type PoolCase = NormCase;

async function poolOn(c: PoolCase, seed: number): Promise<NormResult> {
  const random = new Random(seed);
  const [b, l, d] = c.shape;
  const x = tf.tensor3d(
    Float32Array.from({ length: b * l * d }, () => random.next() * 4 - 2),
    [b, l, d],
  );
  const mask = tf.tensor2d(
    Float32Array.from({ length: b * l }, (_, i) => (c.masked?.includes(i) ? 0 : 1)),
    [b, l],
  );
  const probe = tf.tensor2d(uniform(random, b * 2 * d), [b, 2 * d]);
  const y = maskedMeanMax(x, mask);
  const [grad] = tf.grads((xx: tf.Tensor) => tf.sum(tf.mul(maskedMeanMax(xx as tf.Tensor3D, mask), probe)))([x]);
  const result = {
    name: c.name,
    value: Array.from(await y.data()),
    grads: [Array.from(await (grad as tf.Tensor).data())],
  };
  tf.dispose([x, mask, probe, y, grad as tf.Tensor]);
  return result;
}

/** A convolution's windows over x [batch, length, channels]. */
export interface UnfoldCase {
  readonly name: string;
  readonly shape: readonly [number, number, number];
  readonly width: number;
  readonly dilation: number;
}

async function unfoldOn(c: UnfoldCase, seed: number): Promise<NormResult> {
  const random = new Random(seed);
  const [b, l, d] = c.shape;
  const x = tf.tensor3d(uniform(random, b * l * d), [b, l, d]);
  const probe = tf.tensor3d(uniform(random, b * l * d * c.width), [b, l, d * c.width]);
  const y = unfold(x, c.width, c.dilation);
  const [grad] = tf.grads((xx: tf.Tensor) => tf.sum(tf.mul(unfold(xx as tf.Tensor3D, c.width, c.dilation), probe)))([
    x,
  ]);
  const result = {
    name: c.name,
    value: Array.from(await y.data()),
    grads: [Array.from(await (grad as tf.Tensor).data())],
  };
  tf.dispose([x, probe, y, grad as tf.Tensor]);
  return result;
}

/** A dense layer on x [1, rows, inputs] → [1, rows, outputs], with or without bias and ReLU. */
export interface DenseCase {
  readonly name: string;
  readonly rows: number;
  readonly inputs: number;
  readonly outputs: number;
  readonly relu: boolean;
  readonly bias: boolean;
}

async function denseOn(c: DenseCase, seed: number): Promise<NormResult> {
  const random = new Random(seed);
  const values = (n: number) => uniform(random, n);
  const x = tf.tensor3d(values(c.rows * c.inputs), [1, c.rows, c.inputs]);
  const w = tf.tensor2d(values(c.inputs * c.outputs), [c.inputs, c.outputs]);
  const b = tf.tensor1d(values(c.outputs));
  const probe = tf.tensor3d(values(c.rows * c.outputs), [1, c.rows, c.outputs]);
  const activation = c.relu ? 'relu' : 'linear';
  const layer = (xx: tf.Tensor, ww: tf.Tensor, bb?: tf.Tensor) =>
    dense3d(xx as tf.Tensor3D, ww as tf.Tensor2D, bb as tf.Tensor1D | undefined, activation);
  const y = c.bias ? layer(x, w, b) : layer(x, w);
  const grads = c.bias
    ? tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(layer(xx, ww, bb), probe)))([x, w, b])
    : tf.grads((xx: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.mul(layer(xx, ww), probe)))([x, w]);
  const result = {
    name: c.name,
    value: Array.from(await y.data()),
    grads: await Promise.all(grads.map(async (g) => Array.from(await g.data()))),
  };
  tf.dispose([x, w, b, probe, y, ...grads]);
  return result;
}

/** An embedding lookup of `tokens` ids (repeats, unused rows) in a [rows, width] table, its gradient planned on the host. */
export interface LookupCase {
  readonly name: string;
  readonly rows: number;
  readonly width: number;
  readonly tokens: number;
}

async function lookupOn(c: LookupCase, seed: number): Promise<NormResult> {
  const random = new Random(seed);
  const table = tf.tensor2d(uniform(random, c.rows * c.width), [c.rows, c.width]);
  // Ids from the first half of the table only: the rest get no gradient.
  const host = Int32Array.from({ length: c.tokens }, () => random.int(Math.max(1, Math.floor(c.rows / 2))));
  const ids = tf.tensor2d(host, [1, c.tokens], 'int32');
  const probe = tf.tensor3d(uniform(random, c.tokens * c.width), [1, c.tokens, c.width]);
  const [grad] = tf.grads((t: tf.Tensor) => tf.sum(tf.mul(lookupRows(t as tf.Tensor2D, ids, host, true), probe)))([
    table,
  ]);
  const result = { name: c.name, value: [], grads: [Array.from(await (grad as tf.Tensor).data())] };
  tf.dispose([table, ids, probe, grad as tf.Tensor]);
  return result;
}

/** Maxout over x [batch, length, width·pieces]; every third group holds a tie. */
export interface MaxoutCase {
  readonly name: string;
  readonly shape: readonly [number, number, number];
  readonly pieces: number;
}

async function maxoutOn(c: MaxoutCase, seed: number): Promise<NormResult> {
  const random = new Random(seed);
  const [b, l, w] = c.shape;
  const values = uniform(random, b * l * w);
  for (let g = 0; g * c.pieces < values.length; g += 3) values[g * c.pieces + 1] = values[g * c.pieces] as number;
  const x = tf.tensor3d(values, [b, l, w]);
  const probe = tf.tensor3d(uniform(random, (b * l * w) / c.pieces), [b, l, w / c.pieces]);
  const y = maxout(x, c.pieces);
  const [grad] = tf.grads((xx: tf.Tensor) => tf.sum(tf.mul(maxout(xx as tf.Tensor3D, c.pieces), probe)))([x]);
  const result = {
    name: c.name,
    value: Array.from(await y.data()),
    grads: [Array.from(await (grad as tf.Tensor).data())],
  };
  tf.dispose([x, probe, y, grad as tf.Tensor]);
  return result;
}

export interface AdamResult {
  readonly variables: number[][];
  readonly scales: number[];
}

const ADAM_SHAPES: readonly (readonly number[])[][] = [
  [[7, 5], [5], [3, 2, 4]],
  [[1], [33]],
];

/** 20 steps of two Adam groups stepping together, with clipping that bites at some steps, then 5 of the first group alone. */
async function adamOn(seed: number, steps: number): Promise<AdamResult> {
  const random = new Random(seed);
  const groups = ADAM_SHAPES.map((shapes, g) =>
    shapes.map((shape, i) =>
      tf.variable(
        tf.tensor(
          Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random.next() - 0.5),
          [...shape],
        ),
        true,
        `parity_${seed}_${g}_${i}_${tf.getBackend()}`,
      ),
    ),
  );
  const optimizers = groups.map(() => new FlatAdam(0.01));
  const size = groups.flat().reduce((n, v) => n + v.size, 0);
  const scaleTensors: tf.Scalar[] = [];
  for (let step = 0; step < steps; step++) {
    // Large gradients at odd steps, so the clip at 1 bites there and not at even ones.
    const magnitude = step % 2 === 1 ? 3 : 0.05;
    const flatValues = uniform(random, size, magnitude);
    tf.tidy(() => {
      const flat = tf.tensor1d(flatValues);
      const scale = clipScale(flat, 1);
      scaleTensors.push(tf.keep(scale));
      FlatAdam.applyTogether(
        groups.map((variables, g) => ({ optimizer: optimizers[g] as FlatAdam, variables })),
        flat,
        scale,
      );
    });
  }
  const first = groups[0] as tf.Variable[];
  const firstSize = first.reduce((n, v) => n + v.size, 0);
  for (let step = 0; step < 5; step++) {
    const values = uniform(random, firstSize);
    tf.tidy(() => (optimizers[0] as FlatAdam).applyFlat(tf.tensor1d(values), first));
  }
  const variables = await Promise.all(groups.flat().map(async (v) => Array.from(await v.data())));
  const scales = await Promise.all(scaleTensors.map(async (s) => (await s.data())[0] as number));
  tf.dispose(scaleTensors);
  optimizers.forEach((o) => o.dispose());
  groups.flat().forEach((v) => v.dispose());
  return { variables, scales };
}

export interface ParityRun {
  readonly backend: string;
  /** Whether the fused kernels ran (true on WebGPU, false on the CPU reference). */
  readonly fused: {
    loss: boolean;
    adam: boolean;
    clip: boolean;
    layerNorm: boolean;
    pool: boolean;
    unfold: boolean;
    reluGrad: boolean;
    plannedSegmentSum: boolean;
    maxout: boolean;
  };
  /** Kernels one fused loss forward and backward launched, by name. */
  readonly lossKernels: string[];
  readonly losses: LossResult[];
  readonly norms: NormResult[];
  readonly pools: NormResult[];
  readonly unfolds: NormResult[];
  readonly denses: NormResult[];
  readonly lookups: NormResult[];
  readonly maxouts: NormResult[];
  readonly adam: AdamResult;
}

/** The cases of each kind that parityOn runs. */
export interface ParityCases {
  readonly loss: readonly LossCase[];
  readonly norm: readonly NormCase[];
  readonly pool: readonly PoolCase[];
  readonly unfold: readonly UnfoldCase[];
  readonly dense: readonly DenseCase[];
  readonly lookup: readonly LookupCase[];
  readonly maxout: readonly MaxoutCase[];
}

/** Each case of a kind, on its own seed (the kind's offset + its index), one after another. */
async function runAll<C>(cases: readonly C[], seed: number, on: (c: C, seed: number) => Promise<NormResult>) {
  const results: NormResult[] = [];
  for (const [i, c] of cases.entries()) results.push(await on(c, seed + i));
  return results;
}

export async function parityOn(backend: 'webgpu' | 'cpu', all: ParityCases, seed: number): Promise<ParityRun> {
  const chosen = await selectBackend(backend);
  if (tf.getBackend() !== backend) throw new Error(`backend ${backend} did not start: ${JSON.stringify(chosen)}`);
  const cases = all.loss;
  const losses: LossResult[] = [];
  for (const [i, c] of cases.entries()) losses.push(await lossOn(c, seed + i));
  const norms = await runAll(all.norm, seed + 100, normOn);
  const pools = await runAll(all.pool, seed + 200, poolOn);
  const unfolds = await runAll(all.unfold, seed + 300, unfoldOn);
  const denses = await runAll(all.dense, seed + 400, denseOn);
  const lookups = await runAll(all.lookup, seed + 500, lookupOn);
  const maxouts = await runAll(all.maxout, seed + 600, maxoutOn);
  const first = cases[0] as LossCase;
  const profile = await tf.profile(async () => {
    const r = await lossOn(first, seed);
    return tf.scalar(r.value);
  });
  (profile.result as tf.Tensor).dispose();
  return {
    backend: tf.getBackend(),
    fused: {
      loss: fusedLossOn(),
      adam: fusedAdamOn(),
      clip: fusedOn(FUSED_KERNELS.clipScale),
      layerNorm: fusedOn(FUSED_KERNELS.layerNorm),
      pool: fusedOn(FUSED_KERNELS.maskedPool),
      unfold: fusedOn(FUSED_KERNELS.unfold),
      reluGrad: fusedOn(FUSED_KERNELS.reluGrad),
      plannedSegmentSum: fusedOn(FUSED_KERNELS.plannedSegmentSum),
      maxout: fusedOn(FUSED_KERNELS.maxout),
    },
    lossKernels: profile.kernels.map((k) => k.name),
    losses,
    norms,
    pools,
    unfolds,
    denses,
    lookups,
    maxouts,
    adam: await adamOn(seed, 20),
  };
}

/** Tensors and GPU buffers in use every 50 of `steps` fused training steps on WebGPU (layer norm, loss, clip, Adam). */
export async function soak(steps: number): Promise<{ tensors: number[]; buffers: number[] }> {
  await selectBackend('webgpu');
  const backend = tf.backend() as unknown as { bufferManager?: { getNumUsedBuffers(): number } };
  const random = new Random(7);
  const logits = uniform(random, 24 * 5);
  const variables = [
    tf.variable(tf.randomNormal([5, 5], 0, 1, 'float32', 1)),
    tf.variable(tf.zeros([5])),
    tf.variable(tf.ones([5])),
    tf.variable(tf.zeros([5])),
  ];
  const mask = tf.tensor2d(
    Float32Array.from({ length: 24 }, (_, i) => (i % 6 === 5 ? 0 : 1)),
    [4, 6],
  );
  const optimizer = new FlatAdam(0.01);
  const tensors: number[] = [];
  const buffers: number[] = [];
  const w = tf.tensor2d(logits, [24, 5]);
  const t = tf.tensor1d(
    Int32Array.from({ length: 24 }, (_, i) => i % 5),
    'int32',
  );
  const weights = tf.fill([24], 1 / 24) as tf.Tensor1D;
  for (let step = 0; step < steps; step++) {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const [kernel, bias, gamma, beta] = variables as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
        const h = tf.reshape(tf.add(tf.matMul(w, kernel), bias), [4, 6, 5]) as tf.Tensor3D;
        const normed = maskedLayerNorm(h, gamma as tf.Tensor1D, beta as tf.Tensor1D, mask);
        return weightedNll(tf.reshape(normed, [24, 5]) as tf.Tensor2D, t, weights);
      }, variables);
      const flat = tf.concat(variables.map((v) => tf.reshape(grads[v.name] as tf.Tensor, [-1]))) as tf.Tensor1D;
      optimizer.applyFlat(flat, variables, clipScale(flat, 1));
      return tf.keep(value);
    });
    if (step % 50 === 49) {
      await loss.data();
      tensors.push(tf.memory().numTensors);
      buffers.push(backend.bufferManager?.getNumUsedBuffers() ?? -1);
    }
    loss.dispose();
  }
  tf.dispose([w, t, weights, mask, ...variables]);
  optimizer.dispose();
  return { tensors, buffers };
}

/**
 * Tensors and GPU buffers in use every `every` of `steps` steps of the app's own
 * training step (the Stepper's: the trainer, Adam, clipping, every fused kernel
 * the model meets) on WebGPU: a small three-task model on the built-in
 * samples, its batches of varying padded lengths.
 */
export async function soakTrainer(
  steps: number,
  every: number,
): Promise<{ tensors: number[]; buffers: number[]; fused: boolean }> {
  await selectBackend('webgpu');
  const backend = tf.backend() as unknown as { bufferManager?: { getNumUsedBuffers(): number } };
  const config = tinyExperiment({ embeddingDim: 16, hiddenSize: 16, encoderLayers: 2, steps });
  const run = new ThrowawaySteps(config, tinyData(config));
  const tensors: number[] = [];
  const buffers: number[] = [];
  try {
    for (let step = 1; step <= steps; step++) {
      const row = run.take(step);
      if (step % every === 0) {
        await row.data();
        tensors.push(tf.memory().numTensors);
        buffers.push(backend.bufferManager?.getNumUsedBuffers() ?? -1);
      }
      row.dispose();
    }
  } finally {
    run.dispose();
  }
  return { tensors, buffers, fused: fusedPathOn() };
}
