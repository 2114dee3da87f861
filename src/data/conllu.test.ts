import { describe, expect, it } from 'vitest';
import { SHARED, hasSharedData, readShared } from '../testing/sharedData';
import { parseConllu } from './conllu';
import { ParseError } from './parseError';

const SAMPLE = [
  '# sent_id = s1',
  "# text = I don't know .",
  '1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_',
  "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
  '2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_',
  "3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\t_",
  '3.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t3:conj\t_',
  '4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_',
  '',
  '# sent_id = s2',
  '1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_',
].join('\n');

describe('parseConllu', () => {
  it('keeps word lines, skips ranges and empty nodes, keeps sent_id', () => {
    const sentences = parseConllu(SAMPLE);
    expect(sentences).toHaveLength(2);
    expect(sentences[0]).toMatchObject({
      id: 's1',
      tokens: ['I', 'do', "n't", '.'],
      tags: ['PRON', 'AUX', 'PART', 'PUNCT'],
      line: 3,
    });
    expect(sentences[1]).toMatchObject({ id: 's2', tokens: ['Hi'], tags: ['INTJ'] });
  });

  it('reads XPOS when asked', () => {
    expect(parseConllu(SAMPLE, { tagColumn: 'xpos' })[0]?.tags).toEqual(['PRP', 'VBP', 'RB', '.']);
  });

  it('tolerates a BOM and CRLF line ends', () => {
    const sentences = parseConllu('\ufeff' + SAMPLE.replace(/\n/g, '\r\n'));
    expect(sentences.map((s) => s.tokens.length)).toEqual([4, 1]);
  });

  it.each([
    ['1\tI\tI\tPRON', 1, 'expected 10 tab-separated CoNLL-U columns, found 4'],
    ['# c\nx\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_', 2, '"x" is not a CoNLL-U word id'],
    ['1\tI\tI\t_\tPRP\t_\t0\troot\t_\t_', 1, 'word 1 has no UPOS tag'],
    ['', 1, 'the file is empty'],
    ['# only a comment\n', 1, 'no sentences found'],
    ['\u0000\u0001binary', 1, 'looks binary'],
  ])('names the line and the reason: %j', (text, line, reason) => {
    try {
      parseConllu(text);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ParseError);
      expect((err as ParseError).line).toBe(line);
      expect((err as ParseError).message).toContain(reason);
    }
  });

  it.runIf(hasSharedData())('reads UD English-EWT dev and test with the README counts', () => {
    const dev = parseConllu(readShared(SHARED.udDev));
    expect(dev).toHaveLength(2001);
    expect(dev.reduce((n, s) => n + s.tokens.length, 0)).toBe(25147);
    expect(new Set(dev.flatMap((s) => s.tags)).size).toBe(17);
    expect(dev.every((s) => s.id !== undefined)).toBe(true);
    expect(parseConllu(readShared(SHARED.udTest))).toHaveLength(2077);
  });
});
