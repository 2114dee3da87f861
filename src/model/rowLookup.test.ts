import * as tf from '../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/toy';
import { hostIdsOf, idsTensor, lookupRows, plansPay, segmentPlan, strided } from './rowLookup';

beforeAll(useCpuBackend);

describe('segmentPlan', () => {
  it('lists token positions by table row, in order, and leaves out ids past the table', () => {
    const plan = segmentPlan([2, 0, 2, 5, 1, -1, 0], 3);
    expect(Array.from(plan.order)).toEqual([1, 6, 4, 0, 2]);
    expect(Array.from(plan.starts)).toEqual([0, 2, 3]);
    expect(Array.from(plan.ends)).toEqual([2, 3, 5]);
  });

  it('gives an unused row an empty run', () => {
    const plan = segmentPlan([0, 0], 3);
    expect(Array.from(plan.starts)).toEqual([0, 2, 2]);
    expect(Array.from(plan.ends)).toEqual([2, 2, 2]);
  });
});

describe('lookupRows', () => {
  /** The table's gradient of Σ(lookup · weights), through the planned path or tf.gather's own. */
  function tableGradient(planned: boolean, ids: number[][], rows: number): Float32Array {
    const host = Int32Array.from(ids.flat());
    const idsT = idsTensor(host, [ids.length, (ids[0] as number[]).length]);
    const init = tf.randomNormal([rows, 4], 0, 1, 'float32', 7);
    const table = tf.variable(init);
    const weights = tf.randomNormal([ids.length, (ids[0] as number[]).length, 4], 0, 1, 'float32', 8);
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.mul(lookupRows(table as tf.Variable<tf.Rank.R2>, idsT, host, planned), weights)) as tf.Scalar,
      [table],
    );
    const out = grads[table.name]?.dataSync() as Float32Array;
    tf.dispose([value, grads[table.name] as tf.Tensor, table, init, weights, idsT]);
    return out;
  }

  it('has the same value as tf.gather', () => {
    const table = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const host = Int32Array.from([2, 0, 0, 1]);
    const ids = idsTensor(host, [2, 2]);
    const out = lookupRows(table, ids, host, true);
    expect(out.shape).toEqual([2, 2, 2]);
    expect(Array.from(out.dataSync())).toEqual([5, 6, 1, 2, 1, 2, 3, 4]);
    // The host ids may come as a function, called only when the plan is used.
    const lazy = lookupRows(table, ids, () => host, true);
    expect(Array.from(lazy.dataSync())).toEqual([5, 6, 1, 2, 1, 2, 3, 4]);
    tf.dispose([table, ids, out, lazy]);
  });

  it("gives the table the same gradient as tf.gather's, with repeated ids, padding and unused rows", () => {
    const ids = [
      [3, 1, 1, 0, 0],
      [7, 3, 3, 3, 0],
      [2, 9, 1, 0, 0],
    ];
    const planned = tableGradient(true, ids, 11);
    const reference = tableGradient(false, ids, 11);
    expect(planned.length).toBe(44);
    for (let i = 0; i < planned.length; i++) expect(planned[i]).toBeCloseTo(reference[i] as number, 5);
    // Row 4 is never looked up: no gradient.
    expect(Array.from(planned.subarray(16, 20))).toEqual([0, 0, 0, 0]);
  });

  it('leaves no tensor behind', () => {
    const ids = [
      [1, 2],
      [2, 0],
    ];
    for (const planned of [false, true]) {
      tableGradient(planned, ids, 3);
      const before = tf.memory().numTensors;
      tableGradient(planned, ids, 3);
      expect(tf.memory().numTensors, planned ? 'planned' : 'tf.gather').toBe(before);
    }
  });

  it('falls back to tf.gather without host ids, and refuses host ids of the wrong length', () => {
    const table = tf.tensor2d([[1], [2]]);
    const ids = tf.tensor1d([1, 0], 'int32');
    expect(Array.from(lookupRows(table, ids, null, true).dataSync())).toEqual([2, 1]);
    expect(() => lookupRows(table, ids, Int32Array.from([1]), true)).toThrow(/1 host ids for a tensor of 2/);
    tf.dispose([table, ids]);
  });
});

describe('plansPay', () => {
  it('plans large tables on WebGL, on WebGPU only when rows far outnumber tokens, never on the CPU backends', () => {
    expect(plansPay('webgl', 24_000, 1_536)).toBe(true);
    expect(plansPay('webgl', 4_329, 4_608)).toBe(true);
    expect(plansPay('webgl', 500, 500)).toBe(false);
    expect(plansPay('webgpu', 24_000, 1_536)).toBe(true);
    expect(plansPay('webgpu', 4_329, 4_608)).toBe(false);
    expect(plansPay('cpu', 24_000, 1_536)).toBe(false);
    expect(plansPay('wasm', 24_000, 1_536)).toBe(false);
  });
});

describe('host ids', () => {
  it('are remembered for a batch upload and not for tensors derived from it', () => {
    const values = Int32Array.from([1, 2, 3, 4]);
    const ids = idsTensor(values, [2, 2]);
    expect(hostIdsOf(ids)).toBe(values);
    const derived = tf.reshape(ids, [4]);
    expect(hostIdsOf(derived)).toBeNull();
    tf.dispose([ids, derived]);
  });

  it('strided picks one slice of interleaved ids', () => {
    const values = Int32Array.from([10, 11, 12, 20, 21, 22]);
    expect(Array.from(strided(values, 3, 0, 1))).toEqual([10, 20]);
    expect(Array.from(strided(values, 3, 1, 2))).toEqual([11, 12, 21, 22]);
  });
});
