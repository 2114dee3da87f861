import type { PrfScores } from './ner';

/** Counts of (gold, predicted) label pairs: counts[g][p], rows and columns in `labels` order. */
export interface ConfusionMatrix {
  readonly labels: readonly string[];
  readonly counts: readonly (readonly number[])[];
  /** Gold occurrences of each label; more than its row's sum when some predictions fell outside the label set. */
  readonly support: readonly number[];
}

/**
 * A confusion matrix over label ids: one pair per token (tagging) or per
 * text (classification). A prediction outside the label set (a token cut off
 * by the length limit is predicted as -1) counts in no column, but in its
 * label's support, so it still counts against recall.
 */
export function confusionMatrix(
  labels: readonly string[],
  gold: ArrayLike<number>,
  predicted: ArrayLike<number>,
): ConfusionMatrix {
  if (gold.length !== predicted.length)
    throw new Error(`confusionMatrix: ${gold.length} gold vs ${predicted.length} predicted labels`);
  const counts = labels.map(() => new Array<number>(labels.length).fill(0));
  const support = new Array<number>(labels.length).fill(0);
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] as number;
    const p = predicted[i] as number;
    const row = counts[g];
    if (!row) continue;
    support[g] = (support[g] ?? 0) + 1;
    if (p >= 0 && p < labels.length) row[p] = (row[p] ?? 0) + 1;
  }
  return { labels, counts, support };
}

/** Precision, recall, F1 and support of every label, read off the matrix (for POS, recall is the tag's accuracy). */
export function perLabelScores(matrix: ConfusionMatrix): Record<string, PrfScores> {
  const { labels, counts, support } = matrix;
  const out: Record<string, PrfScores> = {};
  labels.forEach((label, k) => {
    const tp = counts[k]?.[k] ?? 0;
    const predictedK = counts.reduce((n, row) => n + (row[k] ?? 0), 0);
    const gold = support[k] ?? 0;
    const precision = predictedK === 0 ? 0 : tp / predictedK;
    const recall = gold === 0 ? 0 : tp / gold;
    out[label] = {
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
      support: gold,
    };
  });
  return out;
}
