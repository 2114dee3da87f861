import * as tf from '../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EncoderKind } from '../config/experiment';
import type { Batch } from '../data/batching';
import { MtlModel, type ModelSpec } from '../model/mtlModel';
import { expectClose } from '../testing/close';
import { useCpuBackend } from '../testing/toy';
import { fusionGroups, stackBatches, taskLosses } from './fusedLosses';
import { batchTensors, taskLoss } from './loss';
import { testModelSpec as spec } from '../testing/modelSpec';

beforeAll(useCpuBackend);

/** A batch of `lengths.length` sentences padded to `length`, with deterministic ids and labels. */
function batch(lengths: readonly number[], length: number, labels: number, tagging: boolean, offset: number): Batch {
  const ids = new Int32Array(lengths.length * length);
  const mask = new Float32Array(lengths.length * length);
  const targets = new Int32Array(tagging ? lengths.length * length : lengths.length);
  lengths.forEach((n, r) => {
    for (let t = 0; t < n; t++) {
      ids[r * length + t] = 2 + ((offset + 3 * r + 5 * t) % 27);
      mask[r * length + t] = 1;
      if (tagging) targets[r * length + t] = (offset + r + t) % labels;
    }
    if (!tagging) targets[r] = (offset + r) % labels;
  });
  return {
    size: lengths.length,
    length,
    idsPerToken: 1,
    ids,
    mask,
    targets,
    tokens: lengths.reduce((a, b) => a + b, 0),
  };
}

// One padded length (only equal lengths are stacked), different sizes and sentence lengths per task, and a padding row in b (no tokens).
const batches = new Map<string, Batch>([
  ['a', batch([3, 8, 2], 8, 5, true, 1)],
  ['b', batch([4, 0], 8, 2, false, 2)],
  ['c', batch([5, 1, 3, 2], 8, 3, true, 3)],
]);

function oneByOne(model: MtlModel, task: string): tf.Scalar {
  const b = batches.get(task) as Batch;
  const kind = model.head(task).kind;
  const tensors = batchTensors(b, kind);
  return taskLoss(model.forward(task, tensors.ids, tensors.mask), tensors, kind);
}

async function lossesAndGrads(model: MtlModel, fused: boolean) {
  const names = ['a', 'b', 'c'];
  const vars = model.paramGroups().flatMap((g) => g.vars);
  let values: number[] = [];
  const { grads } = tf.variableGrads(() => {
    const losses = fused
      ? taskLosses(
          model,
          names,
          batches,
          () => undefined,
          (t) => oneByOne(model, t),
        )
      : new Map(names.map((t) => [t, oneByOne(model, t)]));
    const stacked = tf.stack(names.map((t) => losses.get(t) as tf.Scalar));
    values = Array.from(stacked.dataSync());
    return tf.sum(tf.mul(stacked, tf.tensor1d([1, 0.5, 2]))) as tf.Scalar;
  }, vars);
  const byName = await Promise.all(
    vars.map(async (v) => [v.name, Array.from(await (grads[v.name] as tf.Tensor).data())] as const),
  );
  return { values, grads: byName };
}

describe('stackBatches', () => {
  it('puts rows one after another, padded to the longest length with PAD_ID and mask 0', () => {
    const short = batch([4, 0], 4, 2, false, 2);
    const s = stackBatches([short, batch([5, 1, 3, 2], 6, 3, true, 3)]);
    expect([s.size, s.length, s.rowStarts]).toEqual([6, 6, [0, 2]]);
    expect(Array.from(s.ids.subarray(0, 6))).toEqual([...Array.from(short.ids.subarray(0, 4)), 0, 0]);
    expect(Array.from(s.mask.subarray(6, 12))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(s.mask.subarray(12, 18))).toEqual([1, 1, 1, 1, 1, 0]);
  });
});

describe('fusionGroups', () => {
  it('stacks tasks with one fusion key and one padded length, and leaves the others alone', () => {
    const model = new MtlModel(spec(), 7);
    expect(fusionGroups(model, ['a', 'b', 'c'], batches)).toEqual([['a', 'b', 'c']]);
    const mixed = new Map(batches).set('b', batch([4, 0], 16, 2, false, 2));
    expect(fusionGroups(model, ['a', 'b', 'c'], mixed)).toEqual([['a', 'c']]);
    expect(fusionGroups(model, ['a', 'b'], mixed)).toEqual([]);
    model.dispose();
  });
});

describe('taskLosses', () => {
  it.each<[EncoderKind, Partial<ModelSpec>]>([
    ['cnn', {}],
    ['bigru', {}],
    ['transformer', {}],
    // Partly shared: layer 0 shared, c reads layer 2 through its own upper layer, a and b read layer 1.
    ['cnn', { sharedLayers: 1, tasks: spec().tasks.map((t) => ({ ...t, readLayer: t.name === 'c' ? 2 : 1 })) }],
  ])(
    '%s %j: one stacked batch through the shared layers gives the same losses and gradients as task by task',
    async (encoder, overrides) => {
      const model = new MtlModel(spec({ encoder, ...overrides }), 7);
      expect(fusionGroups(model, ['a', 'b', 'c'], batches)).toEqual([['a', 'b', 'c']]);
      const alone = await lossesAndGrads(model, false);
      const fused = await lossesAndGrads(model, true);
      expectClose(fused.values, alone.values, 1e-5);
      alone.grads.forEach(([name, g], k) => {
        expect(fused.grads[k]?.[0]).toBe(name);
        expectClose(fused.grads[k]?.[1] ?? [], g, 1e-5);
      });
      model.dispose();
    },
  );

  it('soft sharing and cross-stitch have no fusion key: each task keeps its own pass', () => {
    for (const sharing of ['soft', 'crossstitch'] as const) {
      const model = new MtlModel(spec({ sharing }), 7);
      expect(model.fusionKey('a')).toBeNull();
      model.dispose();
    }
  });

  it('leaves no tensor behind inside a tidy', () => {
    const model = new MtlModel(spec(), 7);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      taskLosses(
        model,
        ['a', 'b', 'c'],
        batches,
        () => undefined,
        (t) => oneByOne(model, t),
      );
    });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
