/**
 * The single-task baseline of one task of an experiment: that task alone,
 * with weight 1, manual weighting and no measurement of interactions. A
 * language-model helper cannot run without its source task (it reads the
 * source's sentences), so its baseline keeps the source at weight 0: the
 * source's head is never updated and the encoder learns from the helper alone.
 * Used by the page's Baselines and by `npm run eval:gain`, so both compare the same thing.
 */
export function singleTaskExperiment<T extends { readonly name: string; readonly languageModelOf?: string }>(
  raw: Readonly<Record<string, unknown>>,
  tasks: readonly T[],
  taskName: string,
): { experiment: Record<string, unknown>; taskNames: string[] } {
  const task = tasks.find((t) => t.name === taskName);
  if (!task) throw new Error(`no task named "${taskName}"`);
  const source = task.languageModelOf === undefined ? undefined : tasks.find((t) => t.name === task.languageModelOf);
  const kept = source ? [source, task] : [task];
  return {
    experiment: {
      ...raw,
      tasks: kept,
      weights: source ? { [source.name]: 0, [task.name]: 1 } : { [task.name]: 1 },
      weighting: 'manual',
      schedule: 'all',
      interactionEvery: 0,
    },
    taskNames: kept.map((t) => t.name),
  };
}
