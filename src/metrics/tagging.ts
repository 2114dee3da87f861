/** Token accuracy over all tokens of all sentences (POS). */
export function tokenAccuracy(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): number {
  if (gold.length !== predicted.length)
    throw new Error(`tokenAccuracy: ${gold.length} gold vs ${predicted.length} predicted sentences`);
  let right = 0;
  let total = 0;
  gold.forEach((tags, s) => {
    const pred = predicted[s] ?? [];
    if (pred.length !== tags.length)
      throw new Error(`tokenAccuracy: sentence ${s} has ${tags.length} gold and ${pred.length} predicted tags`);
    tags.forEach((t, i) => {
      total++;
      if (pred[i] === t) right++;
    });
  });
  return total === 0 ? 0 : right / total;
}
