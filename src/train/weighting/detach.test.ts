import * as tf from '../../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { detach } from './detach';
import { take, tensorGrowth } from '../../testing/testSupport';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('detach', () => {
  it('keeps the value and blocks the gradient', () => {
    const x = tf.variable(tf.tensor1d([2, 3]));
    // f = Σ x·detach(x): the gradient is detach(x) = x, not 2x.
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(x, detach(x))), [x]);
    expect(value.dataSync()[0]).toBeCloseTo(13, 5);
    expect(take(grads[x.name] as tf.Tensor)).toEqual([2, 3]);
    expect(tensorGrowth(() => detach(x).dispose())).toBe(0);
    value.dispose();
    x.dispose();
  });
});
