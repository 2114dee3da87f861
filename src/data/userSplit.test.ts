import { describe, expect, it } from 'vitest';
import { parseTokenPerLine } from './tokenPerLine';
import { DataError } from './prepare';
import { splitParsed, splitSizes, splitUserExamples } from './userSplit';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('splitSizes', () => {
  it.each([
    [10, [0.8, 0.1, 0.1], [8, 1, 1]],
    // 5.6 / 0.7 / 0.7: floors 5/0/0, the two leftovers go to the largest remainders.
    [7, [0.8, 0.1, 0.1], [5, 1, 1]],
    // Every non-zero share gets one example when there are enough, taken from the largest.
    [3, [0.98, 0.01, 0.01], [1, 1, 1]],
    [2, [0.8, 0.1, 0.1], [2, 0, 0]],
    [10, [70, 30, 0], [7, 3, 0]],
    [5, [1, 0, 0], [5, 0, 0]],
    [0, [0.8, 0.1, 0.1], [0, 0, 0]],
    [101, [1, 1, 1], [34, 34, 33]],
  ])('%i examples at %j → %j', (n, [train, dev, test], expected) => {
    const sizes = splitSizes(n, { train: train ?? 0, dev: dev ?? 0, test: test ?? 0 });
    expect([sizes.train, sizes.dev, sizes.test]).toEqual(expected);
  });

  it('rejects negative, non-finite and zero-train shares', () => {
    expect(() => splitSizes(10, { train: 0.8, dev: -0.1, test: 0.3 })).toThrowError(
      new DataError('the dev share must be a number ≥ 0, not -0.1'),
    );
    expect(() => splitSizes(10, { train: Number.NaN, dev: 0, test: 0 })).toThrowError(
      /the train share must be a number ≥ 0, not NaN/,
    );
    expect(() => splitSizes(10, { train: 0, dev: 1, test: 1 })).toThrowError('the train share must be above 0');
  });
});

describe('splitUserExamples', () => {
  it('is seeded: the same seed gives the same split, another seed another; nothing is lost or repeated', () => {
    const items = range(50);
    const a = splitUserExamples(items, { train: 0.8, dev: 0.1, test: 0.1 }, 7);
    expect(splitUserExamples(items, { train: 0.8, dev: 0.1, test: 0.1 }, 7)).toEqual(a);
    expect(splitUserExamples(items, { train: 0.8, dev: 0.1, test: 0.1 }, 8)).not.toEqual(a);
    expect([a.train.length, a.dev.length, a.test.length]).toEqual([40, 5, 5]);
    expect([...a.train, ...a.dev, ...a.test].sort((x, y) => x - y)).toEqual(items);
    expect(a.train).not.toEqual(range(40)); // shuffled
    expect(items).toEqual(range(50)); // input untouched
  });

  it('splitParsed keeps the kind of a parsed file', () => {
    const parsed = { kind: 'tagging' as const, examples: parseTokenPerLine('Ann B-PER\n\nBo B-PER\n\nCy B-PER\n') };
    const split = splitParsed(parsed, { train: 1, dev: 1, test: 1 }, 3);
    expect([split.train.kind, split.dev.kind, split.test.kind]).toEqual(['tagging', 'tagging', 'tagging']);
    expect([split.train, split.dev, split.test].flatMap((p) => p.examples.flatMap((s) => s.tokens)).sort()).toEqual([
      'Ann',
      'Bo',
      'Cy',
    ]);
  });
});
