import type { ParsedExamples } from './formats';
import { DataError } from './prepare';
import { Random } from './random';

export interface SplitRatios {
  readonly train: number;
  readonly dev: number;
  readonly test: number;
}

export interface UserSplit<T> {
  readonly train: T[];
  readonly dev: T[];
  readonly test: T[];
}

const SPLITS = ['train', 'dev', 'test'] as const;

/**
 * Split sizes for n examples: the ratios are normalised, sizes rounded by
 * largest remainder (they always add up to n), then every split with a
 * non-zero ratio gets at least one example, taken from the largest, when
 * there are enough examples.
 */
export function splitSizes(n: number, ratios: SplitRatios): Record<(typeof SPLITS)[number], number> {
  for (const name of SPLITS) {
    const r = ratios[name];
    if (!Number.isFinite(r) || r < 0) throw new DataError(`the ${name} share must be a number ≥ 0, not ${r}`);
  }
  if (!(ratios.train > 0)) throw new DataError('the train share must be above 0');
  const total = ratios.train + ratios.dev + ratios.test;
  const exact = SPLITS.map((name) => (n * ratios[name]) / total);
  const sizes = exact.map(Math.floor);
  let left = n - sizes.reduce((a, b) => a + b, 0);
  // Largest fractional parts first; ties in train, dev, test order.
  const order = [0, 1, 2].sort(
    (a, b) => (exact[b] ?? 0) - (sizes[b] ?? 0) - ((exact[a] ?? 0) - (sizes[a] ?? 0)) || a - b,
  );
  for (const i of order) {
    if (left <= 0) break;
    sizes[i] = (sizes[i] ?? 0) + 1;
    left--;
  }
  const wanted = SPLITS.filter((name) => ratios[name] > 0).length;
  if (n >= wanted) {
    SPLITS.forEach((name, i) => {
      if (ratios[name] === 0 || (sizes[i] ?? 0) > 0) return;
      const largest = sizes.indexOf(Math.max(...sizes));
      sizes[largest] = (sizes[largest] ?? 0) - 1;
      sizes[i] = 1;
    });
  }
  return { train: sizes[0] ?? 0, dev: sizes[1] ?? 0, test: sizes[2] ?? 0 };
}

/**
 * Splits a user's examples into train / dev / test after a seeded shuffle:
 * the same examples, ratios and seed always give the same split, in Node, in
 * a worker and in every browser. The input is left alone.
 */
export function splitUserExamples<T>(examples: readonly T[], ratios: SplitRatios, seed: number): UserSplit<T> {
  const sizes = splitSizes(examples.length, ratios);
  const shuffled = new Random(seed).shuffle(examples);
  return {
    train: shuffled.slice(0, sizes.train),
    dev: shuffled.slice(sizes.train, sizes.train + sizes.dev),
    test: shuffled.slice(sizes.train + sizes.dev),
  };
}

/** A task's parsed examples, split. */
export interface ParsedSplit {
  readonly train: ParsedExamples;
  readonly dev: ParsedExamples;
  readonly test: ParsedExamples;
}

/** splitUserExamples for one parsed file, keeping its kind (tagging or classification). */
export function splitParsed(parsed: ParsedExamples, ratios: SplitRatios, seed: number): ParsedSplit {
  if (parsed.kind === 'tagging') {
    const { train, dev, test } = splitUserExamples(parsed.examples, ratios, seed);
    return {
      train: { kind: 'tagging', examples: train },
      dev: { kind: 'tagging', examples: dev },
      test: { kind: 'tagging', examples: test },
    };
  }
  const { train, dev, test } = splitUserExamples(parsed.examples, ratios, seed);
  return {
    train: { kind: 'classification', examples: train },
    dev: { kind: 'classification', examples: dev },
    test: { kind: 'classification', examples: test },
  };
}
