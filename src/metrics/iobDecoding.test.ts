import { describe, expect, it } from 'vitest';
import { decodingScheme, iobScheme, viterbi } from './iobDecoding';

const LABELS = ['B-LOC', 'B-PER', 'I-LOC', 'I-PER', 'O'];
const id = (tag: string) => LABELS.indexOf(tag);
const tags = (ids: ArrayLike<number>) => Array.from(ids, (i) => LABELS[i]);

/** Log-probabilities of hand-made rows: each row's listed tags get their probability, the rest share what is left. */
function scores(rows: Record<string, number>[]): Float32Array {
  const out = new Float32Array(rows.length * LABELS.length);
  rows.forEach((row, t) => {
    const given = Object.values(row).reduce((a, b) => a + b, 0);
    const rest = (1 - given) / (LABELS.length - Object.keys(row).length);
    LABELS.forEach((l, j) => (out[t * LABELS.length + j] = Math.log(row[l] ?? rest)));
  });
  return out;
}

describe('IOB2 decoding', () => {
  it('reads a scheme from O / B-X / I-X labels only', () => {
    const scheme = iobScheme(LABELS);
    expect(scheme).not.toBeNull();
    // I-PER may follow B-PER or I-PER only, and never start a sentence.
    const after = (prev: string, next: string) => scheme?.allowedAfter[id(prev) * LABELS.length + id(next)];
    expect([after('B-PER', 'I-PER'), after('I-PER', 'I-PER'), after('O', 'I-PER'), after('B-LOC', 'I-PER')]).toEqual([
      1, 1, 0, 0,
    ]);
    expect(after('O', 'B-PER')).toBe(1);
    expect(scheme?.allowedFirst[id('I-LOC')]).toBe(0);
    expect(iobScheme(['NOUN', 'VERB'])).toBeNull();
    expect(iobScheme(['B-PER', 'E-PER', 'O', 'S-PER'])).toBeNull();
    expect(iobScheme(['B-PER', 'O'])).toBeNull();
    // Nothing may start a sentence: no sequence keeps the scheme, so none is decoded.
    expect(iobScheme(['I-LOC', 'I-PER'])).toBeNull();
  });

  it('decodes only a task whose training tags keep IOB2 (an IOB1 file starts entities with I-)', () => {
    const iob2 = [
      ['B-PER', 'I-PER', 'O'],
      ['O', 'B-LOC'],
    ];
    const iob1 = [
      ['I-PER', 'I-PER', 'O'],
      ['O', 'I-LOC'],
    ];
    expect(decodingScheme(LABELS, iob2)).not.toBeNull();
    expect(decodingScheme(LABELS, iob1)).toBeNull();
    expect(decodingScheme(LABELS, [['B-PER', 'B-MISC']])).toBeNull();
  });

  it('turns a stray I-X into the most likely well-formed sequence', () => {
    const scheme = iobScheme(LABELS)!;
    // Token by token: O I-PER I-PER. "Maria" is more likely B-PER than anything but O.
    const rows = scores([{ O: 0.5, 'B-PER': 0.4 }, { 'I-PER': 0.6, 'B-PER': 0.3 }, { 'I-PER': 0.7 }]);
    expect(tags(viterbi(scheme, rows, 3))).toEqual(['B-PER', 'I-PER', 'I-PER']);
    // A type change inside an entity: B-LOC I-PER becomes one type.
    const mixed = scores([
      { 'B-LOC': 0.6, 'B-PER': 0.35 },
      { 'I-PER': 0.55, 'I-LOC': 0.4 },
    ]);
    expect(tags(viterbi(scheme, mixed, 2))).toEqual(['B-LOC', 'I-LOC']);
    // A sequence that keeps the scheme comes out as argmax would give it.
    const clean = scores([{ 'B-PER': 0.8 }, { 'I-PER': 0.8 }, { O: 0.9 }]);
    expect(tags(viterbi(scheme, clean, 3))).toEqual(['B-PER', 'I-PER', 'O']);
  });

  it('reads rows from an offset and decodes empty and one-token sentences', () => {
    const scheme = iobScheme(LABELS)!;
    const rows = scores([{ O: 0.9 }, { 'I-LOC': 0.6, 'B-LOC': 0.3 }]);
    expect(tags(viterbi(scheme, rows, 1, LABELS.length))).toEqual(['B-LOC']);
    expect(viterbi(scheme, rows, 0)).toEqual(new Int32Array(0));
  });
});
