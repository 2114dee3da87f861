import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { flattenGradients, unflattenGradients } from './flatten';
import { take, tensorGrowth } from './testSupport';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('flattenGradients / unflattenGradients', () => {
  it('concatenates in order and round-trips shapes and values', () => {
    const grads = [tf.tensor2d([[1, 2], [3, 4]]), tf.tensor1d([5]), tf.tensor3d([[[6, 7, 8]]])];
    const flat = flattenGradients(grads);
    expect(flat.shape).toEqual([8]);
    expect(Array.from(flat.dataSync())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const back = unflattenGradients(flat, grads.map((g) => g.shape));
    expect(back.map((t) => t.shape)).toEqual([[2, 2], [1], [1, 1, 3]]);
    expect(take(back[2] as tf.Tensor)).toEqual([6, 7, 8]);
    tf.dispose([...grads, flat, ...back]);
  });

  it('rejects a vector of the wrong length', () => {
    const v = tf.zeros([3]) as tf.Tensor1D;
    expect(() => unflattenGradients(v, [[2, 2]])).toThrow(/3 values/);
    v.dispose();
  });

  it('leaks no tensors', () => {
    const grads = [tf.ones([2, 3]), tf.ones([4])];
    expect(tensorGrowth(() => {
      const flat = flattenGradients(grads);
      tf.dispose(unflattenGradients(flat, [[2, 3], [4]]));
      flat.dispose();
    })).toBe(0);
    tf.dispose(grads);
  });
});
