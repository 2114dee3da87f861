import * as tf from '../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/toy';

beforeAll(useCpuBackend);

describe('the CPU UnsortedSegmentSum kernel', () => {
  it('sums the rows of each segment, drops out-of-range ids, and keeps the trailing shape', () => {
    const x = tf.tensor3d([[[1, 2]], [[3, 4]], [[5, 6]], [[7, 8]], [[9, 10]]]);
    const ids = tf.tensor1d([2, 0, 2, 5, -1], 'int32');
    const out = tf.unsortedSegmentSum(x, ids, 4);
    expect(out.shape).toEqual([4, 1, 2]);
    expect(Array.from(out.dataSync())).toEqual([3, 4, 0, 0, 6, 8, 0, 0]);
  });

  it('gives the embedding gradient: repeated ids add up', () => {
    const table = tf.variable(tf.zeros([5, 2]));
    const ids = tf.tensor2d(
      [
        [1, 3],
        [1, 0],
      ],
      [2, 2],
      'int32',
    );
    const { grads } = tf.variableGrads(
      () =>
        tf.sum(
          tf.mul(
            tf.gather(table, ids),
            tf.tensor3d([
              [
                [1, 1],
                [2, 2],
              ],
              [
                [3, 3],
                [4, 4],
              ],
            ]),
          ),
        ),
      [table],
    );
    expect(Array.from((grads[table.name] as tf.Tensor).dataSync())).toEqual([4, 4, 4, 4, 0, 0, 2, 2, 0, 0]);
  });
});
