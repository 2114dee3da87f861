import { describe, expect, it } from 'vitest';
import type { ParsedExamples } from './formats';
import { inspectTask } from './inspector';

const tagged = (tokens: string[], tags: string[]) => ({ tokens, tags, line: 1 });
const text = (tokens: string[], label: string) => ({ tokens, label, line: 1 });

const TRAIN: ParsedExamples = {
  kind: 'tagging',
  examples: [
    tagged(['The', 'cat', 'sat'], ['DET', 'NOUN', 'VERB']),
    tagged(['A', 'dog'], ['DET', 'NOUN']),
    tagged(['the', 'dog', 'ran', 'to', 'the', 'big', 'cat'], ['DET', 'NOUN', 'VERB', 'ADP', 'DET', 'ADJ', 'NOUN']),
    tagged(new Array<string>(85).fill('la'), new Array<string>(85).fill('X')),
  ],
};
const DEV: ParsedExamples = {
  kind: 'tagging',
  examples: [tagged(['THE', 'the', 'cat', 'flew'], ['DET', 'DET', 'NOUN', 'VERB']), tagged(['bird'], ['NOUN'])],
};
const TEST: ParsedExamples = { kind: 'tagging', examples: [tagged(['a', 'cat'], ['DET', 'NOUN'])] };

describe('inspectTask', () => {
  it('counts sizes, the train tag distribution, lengths, examples and dev coverage (tagging)', () => {
    const report = inspectTask({ train: TRAIN, dev: DEV, test: TEST });
    expect(report.sizes).toEqual({
      train: { examples: 4, tokens: 97 },
      dev: { examples: 2, tokens: 5 },
      test: { examples: 1, tokens: 2 },
    });
    // 97 train tokens: 85 X, 4 DET, 4 NOUN, 2 VERB, 1 ADJ, 1 ADP.
    expect(report.labels).toEqual([
      { label: 'X', count: 85, share: 85 / 97 },
      { label: 'DET', count: 4, share: 4 / 97 },
      { label: 'NOUN', count: 4, share: 4 / 97 },
      { label: 'VERB', count: 2, share: 2 / 97 },
      { label: 'ADJ', count: 1, share: 1 / 97 },
      { label: 'ADP', count: 1, share: 1 / 97 },
    ]);
    expect(report.lengthHistogram.map((b) => [b.label, b.count])).toEqual([
      ['1–5', 2],
      ['6–10', 1],
      ['11–15', 0],
      ['16–20', 0],
      ['21–30', 0],
      ['31–40', 0],
      ['41–50', 0],
      ['51–60', 0],
      ['61–80', 0],
      ['>80', 1],
    ]);
    expect(report.lengthHistogram[9]).toEqual({ from: 81, to: null, label: '>80', count: 1 });
    expect(report.examples).toEqual([
      { tokens: ['The', 'cat', 'sat'], labels: ['DET', 'NOUN', 'VERB'] },
      { tokens: ['A', 'dog'], labels: ['DET', 'NOUN'] },
      {
        tokens: ['the', 'dog', 'ran', 'to', 'the', 'big', 'cat'],
        labels: ['DET', 'NOUN', 'VERB', 'ADP', 'DET', 'ADJ', 'NOUN'],
      },
    ]);
    // Lower-cased: dev tokens the, the, cat, flew, bird → 3 of 5 known; types the, cat, flew, bird → 2 of 4.
    expect(report.devCoverage).toEqual({ tokenShare: 3 / 5, typeShare: 2 / 4 });
  });

  it('compares case-sensitively when asked', () => {
    // THE is unknown: tokens 2 of 5 (the, cat); types THE, the, cat, flew, bird → 2 of 5.
    expect(inspectTask({ train: TRAIN, dev: DEV }, { lowercase: false }).devCoverage).toEqual({
      tokenShare: 2 / 5,
      typeShare: 2 / 5,
    });
  });

  it('classification: label shares per text, bin edges, missing splits', () => {
    const lengths = [5, 6, 80, 81, 1];
    const train: ParsedExamples = {
      kind: 'classification',
      examples: lengths.map((n, i) => text(new Array<string>(n).fill('w'), i % 2 === 0 ? '1' : '0')),
    };
    const report = inspectTask({ train }, { exampleCount: 2 });
    expect(report.sizes).toEqual({
      train: { examples: 5, tokens: 173 },
      dev: { examples: 0, tokens: 0 },
      test: { examples: 0, tokens: 0 },
    });
    expect(report.labels).toEqual([
      { label: '1', count: 3, share: 3 / 5 },
      { label: '0', count: 2, share: 2 / 5 },
    ]);
    const counts = Object.fromEntries(report.lengthHistogram.map((b) => [b.label, b.count]));
    expect(counts).toMatchObject({ '1–5': 2, '6–10': 1, '61–80': 1, '>80': 1 });
    expect(report.examples).toEqual([
      { tokens: ['w', 'w', 'w', 'w', 'w'], labels: '1' },
      { tokens: ['w', 'w', 'w', 'w', 'w', 'w'], labels: '0' },
    ]);
    expect(report.devCoverage).toBeNull();
  });
});
