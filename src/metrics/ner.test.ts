import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close';
import { entities, nerScores } from './ner';

describe('entities (conlleval semantics)', () => {
  it.each([
    ['plain B/I', ['B-PER', 'I-PER', 'O', 'B-LOC'], ['PER:0-2', 'LOC:3-4']],
    ['stray I- after O starts an entity', ['O', 'I-ORG', 'I-ORG'], ['ORG:1-3']],
    ['I- of another type starts a new entity', ['B-PER', 'I-LOC'], ['PER:0-1', 'LOC:1-2']],
    ['entity at sentence end', ['O', 'B-LOC', 'I-LOC'], ['LOC:1-3']],
    ['B- right after B- of the same type', ['B-PER', 'B-PER'], ['PER:0-1', 'PER:1-2']],
    ['IOBES', ['S-PER', 'B-ORG', 'E-ORG', 'O'], ['PER:0-1', 'ORG:1-3']],
    ['stray I- at start', ['I-PER'], ['PER:0-1']],
    ['no entities', ['O', 'O'], []],
  ])('%s', (_name, tags, expected) => {
    expect(entities(tags).map((e) => `${e.type}:${e.start}-${e.end}`)).toEqual(expected);
  });
});

describe('nerScores', () => {
  it('counts exact span and type matches only', () => {
    const gold = [
      ['B-PER', 'I-PER', 'O', 'B-LOC'],
      ['B-ORG', 'O'],
    ];
    const pred = [
      ['B-PER', 'I-PER', 'O', 'B-ORG'],
      ['B-ORG', 'I-ORG'],
    ];
    // correct: PER 0-2 only; predicted 3 (PER, ORG, ORG 0-2), gold 3 (PER, LOC, ORG 0-1)
    const s = nerScores(gold, pred);
    expectClose([s.precision, s.recall, s.f1], [1 / 3, 1 / 3, 1 / 3], 1e-12);
    expectClose(
      [s.perType.PER?.f1 ?? -1, s.perType.LOC?.recall ?? -1, s.perType.ORG?.precision ?? -1],
      [1, 0, 0],
      1e-12,
    );
  });

  it('type mismatch on the right span scores nothing', () => {
    const s = nerScores([['B-PER', 'I-PER']], [['B-LOC', 'I-LOC']]);
    expect([s.precision, s.recall, s.f1]).toEqual([0, 0, 0]);
  });

  it('stray I- in predictions is an entity that can match', () => {
    const s = nerScores([['O', 'B-ORG', 'I-ORG']], [['O', 'I-ORG', 'I-ORG']]);
    expect(s.f1).toBe(1);
  });

  it('matches seqeval on a mixed case', () => {
    // seqeval.metrics.f1_score([['B-PER','I-PER','O','B-LOC','I-LOC','O','B-ORG']],
    //                          [['B-PER','I-PER','O','B-LOC','O','O','I-ORG']]) = 0.666…
    const s = nerScores(
      [['B-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC', 'O', 'B-ORG']],
      [['B-PER', 'I-PER', 'O', 'B-LOC', 'O', 'O', 'I-ORG']],
    );
    expectClose(s.f1, 2 / 3, 1e-12);
  });
});
