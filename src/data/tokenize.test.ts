import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize';

/** The former regex tokenizer, kept as a reference: same output, but quadratic on long punctuation runs. */
function referenceTokenize(text: string): string[] {
  const tokens: string[] = [];
  const pushChars = (marks: string) => {
    let run = '';
    for (const ch of marks) {
      if (run !== '' && !run.endsWith(ch)) {
        tokens.push(run);
        run = '';
      }
      run += ch;
    }
    if (run !== '') tokens.push(run);
  };
  for (const piece of text.trim().split(/\s+/)) {
    if (piece === '') continue;
    if (/^(n't|'s|'re|'ve|'ll|'d|'m)$/i.test(piece)) {
      tokens.push(piece);
      continue;
    }
    const edge = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(piece);
    const [lead, core, trail] = edge ? [edge[1] ?? '', edge[2] ?? '', edge[3] ?? ''] : ['', piece, ''];
    if (core === '') {
      tokens.push(piece);
      continue;
    }
    pushChars(lead);
    const clitic = /^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$/i.exec(core);
    if (clitic?.[1] && clitic[2]) tokens.push(clitic[1], clitic[2]);
    else tokens.push(core);
    pushChars(trail);
  }
  return tokens;
}

const pieces = fc.constantFrom(
  'a',
  'B',
  '1',
  "'",
  'n',
  't',
  'T',
  's',
  'S',
  'm',
  'd',
  'l',
  'v',
  'r',
  'e',
  '.',
  '!',
  '"',
  '(',
  ',',
  '-',
  ' ',
  'é',
  '😀',
  '𝐀',
  '\u00a0',
);

describe('tokenize', () => {
  it('splits exactly as the former regex tokenizer', () => {
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 14 }).map((p) => p.join('')),
        (text) => {
          expect(tokenize(text)).toEqual(referenceTokenize(text));
        },
      ),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('is linear on long punctuation runs and long words', { timeout: 10_000 }, () => {
    expect(tokenize('a' + '.'.repeat(200_000) + 'a')).toEqual(['a' + '.'.repeat(200_000) + 'a']);
    expect(tokenize('!'.repeat(100_000) + 'ok' + '?!'.repeat(2)).map((t) => t.length)).toEqual([
      100_000, 2, 1, 1, 1, 1,
    ]);
  });
});
