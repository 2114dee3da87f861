import * as tf from '../tf';
import type { Batch } from '../data/batching';
import { PAD_ID } from '../data/vocabulary';
import type { MtlModel } from '../model/mtlModel';
import { idsTensor } from '../model/rowLookup';
import type { TrainingDropout } from '../model/head';
import { lossTensors, taskLoss } from './loss';

/**
 * A tfjs flag (so `npm run bench -- --flags` can set it in the bench worker):
 * stack tasks whose batches differ in length too, padding the shorter ones.
 * Off: on an H100 it changed the three-task step by −4 % and −13 % on WebGL
 * and by −5 % and +8 % on WebGPU (two interleaved rounds), not enough to
 * outweigh its cost on software GPUs and the CPU (fusionGroups).
 */
export const STACK_ANY_LENGTHS_FLAG = 'MTL_STACK_ANY_LENGTHS';
tf.env().registerFlag(STACK_ANY_LENGTHS_FLAG, () => false);

/** Several batches as one: rows one after another, each padded to the longest length (PAD_ID, mask 0; taskLosses stacks only equal lengths unless MTL_STACK_ANY_LENGTHS is on). */
export interface StackedBatch {
  readonly size: number;
  readonly length: number;
  readonly idsPerToken: number;
  readonly ids: Int32Array;
  readonly mask: Float32Array;
  /** Where each input batch's rows start. */
  readonly rowStarts: readonly number[];
}

export function stackBatches(batches: readonly Batch[]): StackedBatch {
  const length = Math.max(...batches.map((b) => b.length));
  const size = batches.reduce((n, b) => n + b.size, 0);
  const k = batches[0]?.idsPerToken ?? 1;
  const ids = new Int32Array(size * length * k).fill(PAD_ID);
  const mask = new Float32Array(size * length);
  const rowStarts: number[] = [];
  let row = 0;
  for (const b of batches) {
    rowStarts.push(row);
    for (let r = 0; r < b.size; r++, row++) {
      ids.set(b.ids.subarray(r * b.length * k, (r + 1) * b.length * k), row * length * k);
      mask.set(b.mask.subarray(r * b.length, (r + 1) * b.length), row * length);
    }
  }
  return { size, length, idsPerToken: k, ids, mask, rowStarts };
}

/**
 * Training losses J_i of several tasks, each on its own batch. Tasks whose
 * first layers are the same computation (MtlModel.fusionKey: hard sharing)
 * and whose batches have the same padded length (fusionGroups) go through
 * them together as one stacked batch, and each task's rows (and length) are
 * sliced back out for its own layers and head: for T tasks, one set of
 * encoder kernels forward and backward instead of T. Padding embeds
 * to zeros and every encoder masks it, so the losses are the same as task by
 * task (unit test). Other tasks are computed one by one with `alone`.
 * `lossScales` reach lossTensors (a task's loss comes out scaled where the
 * loss runs fused).
 */
export function taskLosses(
  model: MtlModel,
  names: readonly string[],
  batches: ReadonlyMap<string, Batch>,
  dropout: () => TrainingDropout | undefined,
  alone: (task: string) => tf.Scalar,
  lossScales?: ReadonlyMap<string, number>,
): Map<string, tf.Scalar> {
  const losses = new Map<string, tf.Scalar>();
  for (const group of fusionGroups(model, names, batches)) {
    const own = group.map((name) => batchOf(batches, name));
    const stacked = stackBatches(own);
    const shape: [number, number] = [stacked.size, stacked.length];
    const ids = idsTensor(stacked.ids, [stacked.size, stacked.length * stacked.idsPerToken]);
    const shared = model.sharedStates(group[0] as string, ids, tf.tensor2d(stacked.mask, shape, 'float32'), dropout());
    // Batches of the stacked length are split off: the gradient of a split is one concat, where slices' are a pad each and their sum.
    const split = own.every((b) => b.length === stacked.length)
      ? (tf.split(
          shared,
          own.map((b) => b.size),
          0,
        ) as tf.Tensor3D[])
      : null;
    group.forEach((name, k) => {
      const batch = own[k] as Batch;
      const rows =
        split?.[k] ?? tf.slice(shared, [stacked.rowStarts[k] as number, 0, 0], [batch.size, batch.length, -1]);
      // The task's own mask is uploaded again rather than sliced from the stacked one: an upload launches no kernel, and launches are what a GPU step pays for.
      const tensors = lossTensors(batch, model.head(name).kind, lossScales?.get(name));
      losses.set(name, taskLoss(model.forwardFrom(name, rows, tensors.mask, dropout()), tensors, model.lossKind(name)));
    });
  }
  for (const name of names) if (!losses.has(name)) losses.set(name, alone(name));
  return losses;
}

/**
 * Tasks whose batches go through the shared layers together: the same fusion
 * key and the same padded length. Stacking batches of different lengths pads
 * the shorter ones, and on a backend that is bound by arithmetic rather than
 * by kernel launches (CPU, a software GPU) that padding cost more than the
 * launches saved (three tasks: 359 → 499 ms/step on SwiftShader WebGPU,
 * 937 → 1,772 on CPU, 117 → 105 on WebGL). Groups of one are left out.
 */
export function fusionGroups(
  model: MtlModel,
  names: readonly string[],
  batches: ReadonlyMap<string, Batch>,
): string[][] {
  const groups = new Map<string, string[]>();
  const anyLength = tf.env().getBool(STACK_ANY_LENGTHS_FLAG);
  for (const name of names) {
    const key = model.fusionKey(name);
    if (key === null) continue;
    const group = anyLength ? key : `${key}|${batchOf(batches, name).length}`;
    groups.set(group, [...(groups.get(group) ?? []), name]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

function batchOf(batches: ReadonlyMap<string, Batch>, task: string): Batch {
  const batch = batches.get(task);
  if (!batch) throw new Error(`no batch for task ${task}`);
  return batch;
}
