import * as tf from '../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { crossStitch, initialCrossStitch } from './crossStitch';
import { take, tensorGrowth } from '../testing/testSupport';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('cross-stitch', () => {
  it('initialises 0.9 on the diagonal and 0.1 elsewhere', () => {
    expect(take(initialCrossStitch(3)).map((x) => Number(x.toFixed(6)))).toEqual([
      0.9, 0.1, 0.1, 0.1, 0.9, 0.1, 0.1, 0.1, 0.9,
    ]);
  });

  it('with α = identity returns the inputs unchanged (independent encoders)', () => {
    const activations = [
      tf.randomNormal([2, 3, 4], 0, 1, 'float32', 1),
      tf.randomNormal([2, 3, 4], 0, 1, 'float32', 2),
      tf.randomNormal([2, 3, 4], 0, 1, 'float32', 3),
    ];
    const identity = tf.eye(3) as tf.Tensor2D;
    const mixed = crossStitch(activations, identity);
    mixed.forEach((out, i) => {
      expect(out.shape).toEqual([2, 3, 4]);
      expect(Array.from(out.dataSync())).toEqual(Array.from((activations[i] as tf.Tensor).dataSync()));
    });
    tf.dispose([...activations, identity, ...mixed]);
  });

  it('mixes a hand-computed 2×2 example and passes gradients to α', () => {
    const act0 = tf.tensor2d([[1, 2]]);
    const act1 = tf.tensor2d([[3, 4]]);
    const alpha = tf.variable(
      tf.tensor2d([
        [0.9, 0.1],
        [0.2, 0.8],
      ]),
    );
    const [out0, out1] = crossStitch([act0, act1], alpha as unknown as tf.Tensor2D) as [tf.Tensor, tf.Tensor];
    // out0 = 0.9·[1,2] + 0.1·[3,4] = [1.2, 2.2]; out1 = 0.2·[1,2] + 0.8·[3,4] = [2.6, 3.6].
    take(out0).forEach((v, i) => expect(v).toBeCloseTo([1.2, 2.2][i]!, 5));
    take(out1).forEach((v, i) => expect(v).toBeCloseTo([2.6, 3.6][i]!, 5));
    // ∂ Σ out0 / ∂α_0j = Σ act_j = [3, 7]; out1 does not depend on row 0.
    const { value, grads } = tf.variableGrads(
      () => tf.sum(crossStitch([act0, act1], alpha as unknown as tf.Tensor2D)[0] as tf.Tensor),
      [alpha],
    );
    expect(take(grads[alpha.name] as tf.Tensor)).toEqual([3, 7, 0, 0]);
    tf.dispose([value, act0, act1, alpha]);
  });

  it('rejects mismatched shapes and leaks no tensors', () => {
    const a = tf.ones([2, 2]);
    const b = tf.ones([2, 3]);
    const alpha = initialCrossStitch(2);
    expect(() => crossStitch([a, b], alpha)).toThrow(/shape/);
    expect(() => crossStitch([a], alpha)).toThrow(/expected 1×1/);
    expect(tensorGrowth(() => tf.dispose(crossStitch([a, a], alpha)))).toBe(0);
    tf.dispose([a, b, alpha]);
  });
});
