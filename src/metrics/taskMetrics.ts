import type { TaskKind } from '../data/types';
import { accuracy, macroF1 } from './classification';
import { nerScores, type PrfScores } from './ner';
import { tokenAccuracy } from './tagging';
import { confusionMatrix, perLabelScores, type ConfusionMatrix } from './confusion';

/** What a task reports: accuracy always; macro-F1 for classification; entity P/R/F1 for IOB-tagged tasks. */
export interface TaskMetrics {
  readonly accuracy: number;
  readonly macroF1?: number;
  readonly precision?: number;
  readonly recall?: number;
  readonly f1?: number;
  readonly perType?: Readonly<Record<string, PrfScores>>;
  /** Gold × predicted counts per label (per token for tagging, per text for classification). */
  readonly confusion?: ConfusionMatrix;
  /** Precision, recall, F1 and support of each label (tag or class). */
  readonly perLabel?: Readonly<Record<string, PrfScores>>;
}

/** A tag set is scored by entity spans when its tags are IOB (B-X, I-X, O). */
export function isEntityTagSet(labels: readonly string[]): boolean {
  return labels.length > 0 && labels.every((l) => l === 'O' || /^[BIES]-./.test(l)) && labels.some((l) => l !== 'O');
}

export function classificationMetrics(
  gold: ArrayLike<number>,
  predicted: ArrayLike<number>,
  labels?: readonly string[],
): TaskMetrics {
  const base = { accuracy: accuracy(gold, predicted), macroF1: macroF1(gold, predicted) };
  if (!labels) return base;
  const confusion = confusionMatrix(labels, gold, predicted);
  return { ...base, confusion, perLabel: perLabelScores(confusion) };
}

export function taggingMetrics(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  labels: readonly string[],
): TaskMetrics {
  const acc = tokenAccuracy(gold, predicted);
  const index = new Map(labels.map((l, i) => [l, i]));
  const id = (tag: string) => index.get(tag) ?? -1;
  const confusion = confusionMatrix(labels, Int32Array.from(gold.flat(), id), Int32Array.from(predicted.flat(), id));
  const byLabel = { confusion, perLabel: perLabelScores(confusion) };
  if (!isEntityTagSet(labels)) return { accuracy: acc, ...byLabel };
  const ner = nerScores(gold, predicted);
  return { accuracy: acc, precision: ner.precision, recall: ner.recall, f1: ner.f1, perType: ner.perType, ...byLabel };
}

/** The single number shown first for a task: F1 for entities, macro-F1 never (accuracy is SST-2's metric). */
export function headlineMetric(kind: TaskKind, metrics: TaskMetrics): { name: 'F1' | 'accuracy'; value: number } {
  return kind === 'tagging' ? headlineOf(metrics) : { name: 'accuracy', value: metrics.accuracy };
}

/** headlineMetric where the task's kind is not at hand: only entity tag sets have `f1` (classification has macroF1). */
export function headlineOf(metrics: TaskMetrics): { name: 'F1' | 'accuracy'; value: number } {
  return metrics.f1 !== undefined ? { name: 'F1', value: metrics.f1 } : { name: 'accuracy', value: metrics.accuracy };
}
