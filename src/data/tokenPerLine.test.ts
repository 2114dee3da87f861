import { describe, expect, it } from 'vitest';
import { entities } from '../metrics/ner';
import { SHARED, hasSharedData, readShared } from '../testing/sharedData';
import type { ParseError } from './parseError';
import { parseTokenPerLine } from './tokenPerLine';

describe('parseTokenPerLine', () => {
  it('reads Universal NER lines with comments', () => {
    const text =
      '# sent_id = a-1\n# text = Bob runs\n1\tBob\tB-PER\t-\tann\n2\truns\tO\t-\t-\n\n# sent_id = a-2\n1\tOk\tO\t-\t-\n';
    const s = parseTokenPerLine(text);
    expect(s).toEqual([
      { id: 'a-1', tokens: ['Bob', 'runs'], tags: ['B-PER', 'O'], line: 3 },
      { id: 'a-2', tokens: ['Ok'], tags: ['O'], line: 7 },
    ]);
  });

  it('reads CoNLL-2003 with -DOCSTART- and space-separated columns', () => {
    const text = '-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n# NN B-NP O\n\nPeter NNP B-NP B-PER\n';
    const s = parseTokenPerLine(text);
    expect(s.map((x) => x.tokens)).toEqual([['EU', 'rejects', '#'], ['Peter']]);
    expect(s[0]?.tags).toEqual(['B-ORG', 'O', 'O']);
  });

  it('names the line of a tag that is not IOB', () => {
    expect(() => parseTokenPerLine('1\tBob\tB-PER\n2\truns\tVERB\n')).toThrowError(/line 2: "VERB" is not an IOB tag/);
    try {
      parseTokenPerLine('Bob B-PER\nlonely\n');
    } catch (err) {
      expect((err as ParseError).line).toBe(2);
    }
  });

  it.runIf(hasSharedData())('reads UNER English-EWT dev: 2,001 sentences, 966 entity spans', () => {
    const dev = parseTokenPerLine(readShared(SHARED.unerDev));
    expect(dev).toHaveLength(2001);
    expect(dev.reduce((n, s) => n + entities(s.tags).length, 0)).toBe(966);
    expect(new Set(dev.flatMap((s) => s.tags))).toEqual(
      new Set(['B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'O']),
    );
    expect(parseTokenPerLine(readShared(SHARED.unerTest))).toHaveLength(2077);
  });
});
