/** What the format sniffers share: the sampled lines, the majority rule and the wording of their reasons. */

/** Share of sampled lines that must fit a format; a stray odd line should not hide the format. */
export const MAJORITY = 0.9;

export interface SampledLine {
  readonly text: string;
  readonly lineNo: number;
}

/** "all the first 12 token lines" / "11 of the first 12 token lines" (only the file's start is sampled). */
export function phrase(matching: number, total: number, what: string): string {
  return `${matching === total ? 'all' : `${matching} of`} the first ${total} ${what}`;
}

/** Lines that hold data: not blank, not a `#` comment. */
export function dataLines(lines: readonly SampledLine[]): SampledLine[] {
  return lines.filter((l) => l.text.trim() !== '' && !l.text.startsWith('#'));
}

export function modalValue(values: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const v of values) {
    const count = (counts.get(v) ?? 0) + 1;
    counts.set(v, count);
    if (count > bestCount) [best, bestCount] = [v, count];
  }
  return best;
}
