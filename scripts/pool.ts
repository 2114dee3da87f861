/** Runs the thunks at most `jobs` at a time and returns their results in the thunks' order. */
export async function inPool<T>(thunks: readonly (() => Promise<T>)[], jobs: number): Promise<T[]> {
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`jobs must be a whole number ≥ 1, not ${jobs}`);
  const results: T[] = new Array<T>(thunks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < thunks.length) {
      const i = next++;
      results[i] = await (thunks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, thunks.length) }, lane));
  return results;
}
