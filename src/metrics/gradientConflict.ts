/**
 * How often two tasks' gradients conflicted: the share of measured steps
 * whose cosine was below 0, and the number of measured steps. Readings that
 * are missing or not finite (a step that did not measure the pair) are
 * skipped; with no readings the share is 0 of 0.
 */
export function conflictShare(cosines: readonly (number | undefined)[]): { share: number; n: number } {
  const values = cosines.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return { share: values.filter((v) => v < 0).length / Math.max(1, values.length), n: values.length };
}
