import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { targetLogProbs } from './ops';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('targetLogProbs', () => {
  it("picks each position's target log-probability, any rank, and 0 for a target out of range", () => {
    const [picked, outOfRange] = tf.tidy(() => {
      const logits = tf.tensor3d([
        [
          [0, Math.log(3)],
          [Math.log(2), Math.log(2)],
        ],
      ]);
      const p = targetLogProbs(logits, tf.tensor2d([[1, 0]], [1, 2], 'int32'));
      expect(p.shape).toEqual([1, 2]);
      return [p.dataSync(), targetLogProbs(tf.tensor2d([[1, 2]]), tf.tensor1d([5], 'int32')).dataSync()];
    });
    expect(picked[0]).toBeCloseTo(Math.log(3 / 4), 5);
    expect(picked[1]).toBeCloseTo(Math.log(1 / 2), 5);
    expect(outOfRange[0]).toBe(0);
  });
});
