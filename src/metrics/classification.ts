/** Share of predictions equal to the gold label. */
export function accuracy(gold: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (gold.length !== predicted.length)
    throw new Error(`accuracy: ${gold.length} gold vs ${predicted.length} predicted`);
  if (gold.length === 0) return 0;
  let right = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) right++;
  return right / gold.length;
}

/** Unweighted mean of per-class F1 over the classes that occur in gold or predictions. */
export function macroF1(gold: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (gold.length !== predicted.length)
    throw new Error(`macroF1: ${gold.length} gold vs ${predicted.length} predicted`);
  const classes = new Set<number>();
  for (let i = 0; i < gold.length; i++) {
    classes.add(gold[i] as number);
    classes.add(predicted[i] as number);
  }
  if (classes.size === 0) return 0;
  let sum = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      const g = gold[i] === c;
      const p = predicted[i] === c;
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return sum / classes.size;
}
