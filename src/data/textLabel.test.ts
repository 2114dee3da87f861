import { describe, expect, it } from 'vitest';
import { SHARED, hasSharedData, readShared } from '../testing/sharedData';
import { parseDelimited } from './delimited';
import { parseTextLabel } from './textLabel';
import { tokenize } from './tokenize';

describe('parseDelimited', () => {
  it('handles quoted commas, doubled quotes and line breaks in quotes', () => {
    const rows = parseDelimited('text,label\n"good, really",1\n"say ""hi""\nthere",0\nplain "quote",1\n', ',');
    expect(rows.map((r) => r.fields)).toEqual([
      ['text', 'label'],
      ['good, really', '1'],
      ['say "hi"\nthere', '0'],
      ['plain "quote"', '1'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('names the line of an unclosed quote', () => {
    expect(() => parseDelimited('a,b\n"open,1\n', ',')).toThrowError(/line 2: a quoted field is never closed/);
  });
});

describe('parseTextLabel', () => {
  it('finds the label and text columns by header name, in either order', () => {
    expect(parseTextLabel('label\tsentence\n1\tgreat fun\n', { delimiter: '\t' })).toEqual([
      { tokens: ['great', 'fun'], label: '1', line: 2 },
    ]);
    expect(parseTextLabel('text,label\r\n"bad, dull",neg\r\n', { delimiter: ',' })[0]).toMatchObject({
      tokens: ['bad', ',', 'dull'],
      label: 'neg',
    });
  });

  it('names the line of a row with the wrong number of columns', () => {
    expect(() => parseTextLabel('label\tsentence\n1\tok\n0\ttoo\tmany\n', { delimiter: '\t' })).toThrowError(
      /line 3: expected 2 columns/,
    );
  });

  it('rejects a one-column file and an unknown column', () => {
    expect(() => parseTextLabel('just text\n', { delimiter: '\t' })).toThrowError(/at least 2 tab-separated columns/);
    expect(() => parseTextLabel('a\tb\nx\ty\n', { delimiter: '\t', labelColumn: 'stars' })).toThrowError(
      /no label column named "stars"/,
    );
  });

  it.runIf(hasSharedData())('reads SST-2 train (67,349) and dev (872)', () => {
    const train = parseTextLabel(readShared(SHARED.sstTrain), { delimiter: '\t' });
    expect(train).toHaveLength(67349);
    expect(new Set(train.map((e) => e.label))).toEqual(new Set(['0', '1']));
    expect(parseTextLabel(readShared(SHARED.sstDev), { delimiter: '\t' })).toHaveLength(872);
  });
});

describe('tokenize', () => {
  it.each([
    ["I don't like it, really!", ['I', 'do', "n't", 'like', 'it', ',', 'really', '!']],
    ['the movie ( 2004 ) is " great "...', ['the', 'movie', '(', '2004', ')', 'is', '"', 'great', '"...']],
    ["it 's n't", ['it', "'s", "n't"]],
    ['Wait... "Really?"', ['Wait', '...', '"', 'Really', '?', '"']],
  ])('%j', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });
});
