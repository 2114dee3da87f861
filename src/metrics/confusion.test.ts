import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close';
import { confusionMatrix, perLabelScores } from './confusion';
import { classificationMetrics, taggingMetrics } from './taskMetrics';

describe('confusion matrix', () => {
  // Gold / predicted over labels A, B, C:
  //   A→A, A→A, A→B, B→B, B→C, C→C, C→A, C→(cut off, -1)
  const labels = ['A', 'B', 'C'];
  const gold = [0, 0, 0, 1, 1, 2, 2, 2];
  const predicted = [0, 0, 1, 1, 2, 2, 0, -1];

  it('counts gold × predicted pairs; a prediction outside the labels counts only in the support', () => {
    const m = confusionMatrix(labels, gold, predicted);
    expect(m.counts).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [1, 0, 1],
    ]);
    expect(m.support).toEqual([3, 2, 3]);
  });

  it('per-label precision, recall and F1 come from the matrix', () => {
    const scores = perLabelScores(confusionMatrix(labels, gold, predicted));
    // A: tp 2, predicted 3, gold 3. B: tp 1, predicted 2, gold 2. C: tp 1, predicted 2, gold 3.
    expectClose(
      [scores.A?.precision ?? NaN, scores.A?.recall ?? NaN, scores.A?.f1 ?? NaN],
      [2 / 3, 2 / 3, 2 / 3],
      1e-12,
    );
    expectClose([scores.B?.precision ?? NaN, scores.B?.recall ?? NaN], [1 / 2, 1 / 2], 1e-12);
    expectClose([scores.C?.precision ?? NaN, scores.C?.recall ?? NaN, scores.C?.f1 ?? NaN], [1 / 2, 1 / 3, 0.4], 1e-12);
    expect(scores.C?.support).toBe(3);
  });

  it('comes with every task kind: per tag for tagging, per class for classification', () => {
    const tagging = taggingMetrics([['NOUN', 'VERB', 'NOUN']], [['NOUN', 'NOUN', 'NOUN']], ['NOUN', 'VERB']);
    expect(tagging.confusion?.counts).toEqual([
      [2, 0],
      [1, 0],
    ]);
    expect(tagging.perLabel?.VERB?.recall).toBe(0);
    const classes = classificationMetrics([0, 1, 1], [0, 1, 0], ['negative', 'positive']);
    expect(classes.confusion?.counts).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(classes.perLabel?.positive?.recall).toBe(0.5);
    const entities = taggingMetrics([['B-PER', 'O']], [['B-PER', 'B-LOC']], ['B-LOC', 'B-PER', 'O']);
    expect(entities.confusion?.counts).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
    ]);
    expect(entities.perType?.PER?.recall).toBe(1);
  });
});
