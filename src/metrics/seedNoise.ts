/** Mean and sample standard deviation (n − 1) of runs over seeds; sd is 0 for a single run. */
export function meanSd(values: readonly number[]): { mean: number; sd: number; n: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { mean, sd, n };
}

export type NoiseVerdict = 'gain' | 'loss' | 'within seed noise' | 'one seed';

/**
 * Whether multi-task runs beat single-task runs of the same task by more
 * than the seeds' own spread: the mean difference must exceed twice the
 * larger of the two standard deviations. With fewer than two seeds on a side
 * there is no spread to compare with ('one seed').
 */
export function seedNoiseVerdict(
  single: readonly number[],
  multi: readonly number[],
  higherIsBetter = true,
): { difference: number; spread: number; verdict: NoiseVerdict } {
  const s = meanSd(single);
  const m = meanSd(multi);
  const difference = m.mean - s.mean;
  const spread = Math.max(s.sd, m.sd);
  if (s.n < 2 || m.n < 2) return { difference, spread, verdict: 'one seed' };
  if (Math.abs(difference) <= 2 * spread) return { difference, spread, verdict: 'within seed noise' };
  return { difference, spread, verdict: difference > 0 === higherIsBetter ? 'gain' : 'loss' };
}
