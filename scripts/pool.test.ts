import { describe, expect, it } from 'vitest';
import { inPool } from './pool';

/** A thunk that resolves to `value` after `ms`, counting how many run at once. */
function timed(value: number, ms: number, load: { now: number; most: number }): () => Promise<number> {
  return async () => {
    load.now += 1;
    load.most = Math.max(load.most, load.now);
    await new Promise((r) => setTimeout(r, ms));
    load.now -= 1;
    return value;
  };
}

describe('inPool', () => {
  it('keeps the thunks’ order whatever order they finish in, and runs at most `jobs` at once', async () => {
    const load = { now: 0, most: 0 };
    const thunks = [30, 5, 20, 1, 10].map((ms, i) => timed(i, ms, load));
    expect(await inPool(thunks, 2)).toEqual([0, 1, 2, 3, 4]);
    expect(load.most).toBe(2);
  });

  it('runs one at a time with one job, and with more jobs than thunks starts each once', async () => {
    const one = { now: 0, most: 0 };
    expect(await inPool([timed(7, 2, one), timed(8, 1, one)], 1)).toEqual([7, 8]);
    expect(one.most).toBe(1);
    const many = { now: 0, most: 0 };
    expect(await inPool([timed(1, 2, many), timed(2, 1, many)], 5)).toEqual([1, 2]);
    expect(many.most).toBe(2);
    expect(await inPool([], 3)).toEqual([]);
  });

  it('rejects when a thunk fails, and refuses a job count that is not a whole number ≥ 1', async () => {
    const fail = (): Promise<number> => Promise.reject(new Error('run 2 failed'));
    await expect(inPool([() => Promise.resolve(1), fail], 2)).rejects.toThrow('run 2 failed');
    await expect(inPool([() => Promise.resolve(1)], 0)).rejects.toThrow('whole number');
    await expect(inPool([() => Promise.resolve(1)], 1.5)).rejects.toThrow('whole number');
  });
});
