import { expect } from 'vitest';

/** Asserts actual ≈ expected within an explicit tolerance, naming the failing index. */
export function expectClose(
  actual: ArrayLike<number> | number,
  expected: ArrayLike<number> | number,
  tolerance: number,
): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : Array.from(expected);
  expect(a.length, 'length').toBe(e.length);
  a.forEach((v, i) => {
    const diff = Math.abs(v - (e[i] as number));
    if (!(diff <= tolerance)) throw new Error(`index ${i}: ${v} vs expected ${e[i]} (|diff| ${diff} > ${tolerance})`);
  });
}
