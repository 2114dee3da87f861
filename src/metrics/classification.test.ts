import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close';
import { accuracy, macroF1 } from './classification';
import { taggingMetrics } from './taskMetrics';
import { tokenAccuracy } from './tagging';

describe('classification metrics', () => {
  it('accuracy and macro-F1 on a hand-made case', () => {
    const gold = [0, 0, 0, 1, 1, 2];
    const pred = [0, 0, 1, 1, 2, 2];
    expect(accuracy(gold, pred)).toBeCloseTo(4 / 6, 12);
    // F1: class0 2·2/(2·2+0+1)=0.8, class1 2/(2+1+1)=0.5, class2 2/(2+1+0)=0.667
    expectClose(macroF1(gold, pred), (0.8 + 0.5 + 2 / 3) / 3, 1e-12);
  });

  it('refuses mismatched lengths', () => {
    expect(() => accuracy([1], [1, 2])).toThrow();
  });
});

describe('tagging metrics', () => {
  it('token accuracy over all tokens', () => {
    expect(tokenAccuracy([['N', 'V'], ['D']], [['N', 'N'], ['D']])).toBeCloseTo(2 / 3, 12);
  });

  it('POS tags are scored by accuracy only (UPOS is not IOB: NOUN is not prefix N, type OUN)', () => {
    const m = taggingMetrics([['NOUN', 'VERB']], [['NOUN', 'NOUN']], ['NOUN', 'VERB']);
    expect(m.accuracy).toBe(0.5);
    expect(m.f1).toBeUndefined();
    expect(m.perType).toBeUndefined();
  });

  it('NER tags get entity P/R/F1 as well', () => {
    const m = taggingMetrics([['B-PER', 'O']], [['B-PER', 'O']], ['B-PER', 'I-PER', 'O']);
    expect(m.f1).toBe(1);
    expect(m.accuracy).toBe(1);
  });
});
