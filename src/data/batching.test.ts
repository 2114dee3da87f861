import { describe, expect, it } from 'vitest';
import { BatchSampler, bucketLength, evaluationBatches, makeBatch } from './batching';
import { Random } from './random';

const ex = (n: number, label = 0) => ({ ids: Int32Array.from({ length: n }, (_, i) => i + 2), target: label });

describe('batching', () => {
  it('pads to the next length bucket with a mask', () => {
    const b = makeBatch([ex(3), ex(5)], 64);
    expect(b.length).toBe(8);
    expect(Array.from(b.mask.slice(0, 8))).toEqual([1, 1, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(b.ids.slice(8, 16))).toEqual([2, 3, 4, 5, 6, 0, 0, 0]);
    expect(b.tokens).toBe(8);
    expect(bucketLength(40, 64)).toBe(64);
    expect(bucketLength(300, 128)).toBe(128);
  });

  it('cuts sentences longer than maxLength', () => {
    const b = makeBatch([{ ids: new Int32Array(50).fill(7), target: new Int32Array(50).fill(1) }], 32);
    expect(b.length).toBe(32);
    expect(b.tokens).toBe(32);
  });

  it('the sampler is seeded, draws full batches and counts epochs', () => {
    const data = Array.from({ length: 100 }, (_, i) => ex(1 + (i % 30), i % 2));
    const a = new BatchSampler(data, 10, 64, new Random(4));
    const b = new BatchSampler(data, 10, 64, new Random(4));
    for (let i = 0; i < 12; i++) {
      const x = a.next();
      expect(x.size).toBe(10);
      expect(x.ids).toEqual(b.next().ids);
    }
    expect(a.epoch).toBeCloseTo(1.2, 10);
  });

  it('length bucketing keeps padding low', () => {
    const data = Array.from({ length: 400 }, (_, i) => ex(2 + ((i * 37) % 60)));
    const s = new BatchSampler(data, 16, 64, new Random(1));
    let real = 0;
    let padded = 0;
    for (let i = 0; i < 25; i++) {
      const b = s.next();
      real += b.tokens;
      padded += b.size * b.length;
    }
    expect(real / padded).toBeGreaterThan(0.6);
  });

  it('evaluation batches cover every example once, all of the same row count', () => {
    const data = Array.from({ length: 70 }, (_, i) => ex(1 + (i % 9)));
    const batches = evaluationBatches(data, 32, 256);
    expect(batches.map((b) => b.batch.size)).toEqual([32, 32, 32]);
    expect(batches.flatMap((b) => b.indices).sort((x, y) => x - y)).toEqual(data.map((_, i) => i));
    expect(Array.from(batches[2]!.batch.mask.slice(6 * batches[2]!.batch.length))).toEqual(
      new Array((32 - 6) * batches[2]!.batch.length).fill(0),
    );
  });
});
