import type { TaskKind } from '../data/types';
import { accuracy, macroF1 } from './classification';
import { nerScores, type PrfScores } from './ner';
import { tokenAccuracy } from './tagging';

/** What a task reports: accuracy always; macro-F1 for classification; entity P/R/F1 for IOB-tagged tasks. */
export interface TaskMetrics {
  readonly accuracy: number;
  readonly macroF1?: number;
  readonly precision?: number;
  readonly recall?: number;
  readonly f1?: number;
  readonly perType?: Readonly<Record<string, PrfScores>>;
}

/** A tag set is scored by entity spans when its tags are IOB (B-X, I-X, O). */
export function isEntityTagSet(labels: readonly string[]): boolean {
  return labels.length > 0 && labels.every((l) => l === 'O' || /^[BIES]-./.test(l)) && labels.some((l) => l !== 'O');
}

export function classificationMetrics(gold: ArrayLike<number>, predicted: ArrayLike<number>): TaskMetrics {
  return { accuracy: accuracy(gold, predicted), macroF1: macroF1(gold, predicted) };
}

export function taggingMetrics(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  labels: readonly string[],
): TaskMetrics {
  const acc = tokenAccuracy(gold, predicted);
  if (!isEntityTagSet(labels)) return { accuracy: acc };
  const ner = nerScores(gold, predicted);
  return { accuracy: acc, precision: ner.precision, recall: ner.recall, f1: ner.f1, perType: ner.perType };
}

/** The single number shown first for a task: F1 for entities, macro-F1 never (accuracy is SST-2's metric). */
export function headlineMetric(kind: TaskKind, metrics: TaskMetrics): { name: string; value: number } {
  if (kind === 'tagging' && metrics.f1 !== undefined) return { name: 'F1', value: metrics.f1 };
  return { name: 'accuracy', value: metrics.accuracy };
}
