import * as tf from '../../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { flattenGradients } from './flatten';
import { take, tensorGrowth } from '../../testing/testSupport';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('flattenGradients', () => {
  it('concatenates in order', () => {
    const grads = [
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor1d([5]),
      tf.tensor3d([[[6, 7, 8]]]),
    ];
    const flat = flattenGradients(grads);
    expect(flat.shape).toEqual([8]);
    expect(Array.from(flat.dataSync())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(take(flattenGradients([]))).toEqual([]);
    tf.dispose([...grads, flat]);
  });

  it('leaks no tensors', () => {
    const grads = [tf.ones([2, 3]), tf.ones([4])];
    expect(tensorGrowth(() => flattenGradients(grads).dispose())).toBe(0);
    tf.dispose(grads);
  });
});
