import * as tf from '../../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../data/random';
import { pcgrad } from './pcgrad';
import { take, tensorGrowth } from '../../testing/testSupport';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

describe('pcgrad', () => {
  it('removes exactly the conflicting component of two conflicting gradients', () => {
    // g1 = [1,0], g2 = [-1,1], g1·g2 = -1 < 0.
    // g1' = g1 − (−1/2)·g2 = [0.5, 0.5]  (g1'·g2 = 0)
    // g2' = g2 − (−1/1)·g1 = [0, 1]      (g2'·g1 = 0)
    const g1 = tf.tensor1d([1, 0]);
    const g2 = tf.tensor1d([-1, 1]);
    const result = take(pcgrad([g1, g2], new Random(1)));
    expect(result[0]).toBeCloseTo(0.5, 6);
    expect(result[1]).toBeCloseTo(1.5, 6);
    // The hand-computed projections are orthogonal to the other original.
    expect(dot([0.5, 0.5], [-1, 1])).toBe(0);
    expect(dot([0, 1], [1, 0])).toBe(0);
    tf.dispose([g1, g2]);
  });

  it('matches the two-task closed form on random vectors', () => {
    const random = new Random(11);
    for (let trial = 0; trial < 20; trial++) {
      const a = Array.from({ length: 5 }, () => random.next() * 2 - 1);
      const b = Array.from({ length: 5 }, () => random.next() * 2 - 1);
      const ab = dot(a, b);
      // With two tasks the order cannot matter: each is projected once, off the other original.
      const expected = a.map((x, i) => {
        const y = b[i] as number;
        return ab < 0 ? x + y - (ab / dot(b, b)) * y - (ab / dot(a, a)) * x : x + y;
      });
      const ta = tf.tensor1d(a);
      const tb = tf.tensor1d(b);
      const result = take(pcgrad([ta, tb], random));
      result.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 5));
      tf.dispose([ta, tb]);
    }
  });

  it('leaves non-conflicting gradients untouched (plain sum)', () => {
    const grads = [tf.tensor1d([1, 2, 0]), tf.tensor1d([0.5, 1, 3]), tf.tensor1d([2, 0, 1])];
    const result = take(pcgrad(grads, new Random(7)));
    expect(result[0]).toBeCloseTo(3.5, 6);
    expect(result[1]).toBeCloseTo(3, 6);
    expect(result[2]).toBeCloseTo(4, 6);
    tf.dispose(grads);
  });

  it('three tasks: seeded order is reproducible and the order matters', () => {
    const grads = [tf.tensor1d([1, 0, 0]), tf.tensor1d([-1, 1, 0]), tf.tensor1d([-0.2, -1, 1])];
    const runs = [1, 1, 2, 3, 4, 5].map((seed) => take(pcgrad(grads, new Random(seed))));
    expect(runs[0]).toEqual(runs[1]);
    const distinct = new Set(runs.map((r) => r.map((x) => x.toFixed(5)).join(',')));
    expect(distinct.size).toBeGreaterThan(1);
    tf.dispose(grads);
  });

  it('is finite with a zero gradient and leaks no tensors', () => {
    const grads = [tf.tensor1d([1, -1]), tf.zeros([2]) as tf.Tensor1D, tf.tensor1d([-1, 0])];
    const random = new Random(3);
    expect(take(pcgrad(grads, random)).every(Number.isFinite)).toBe(true);
    expect(tensorGrowth(() => pcgrad(grads, random).dispose())).toBe(0);
    tf.dispose(grads);
  });
});
