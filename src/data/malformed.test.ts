import { describe, expect, it } from 'vitest';
import type { DataFormat } from '../config/experiment';
import { parseConllu } from './conllu';
import { parseTaskFile } from './formats';
import { SST2_LABELS, UNER_TAGS, UPOS_TAGS, checkIob2, checkLabelSet } from './labels';
import { ParseError } from './parseError';
import { parseTextLabel } from './textLabel';
import { parseTokenPerLine } from './tokenPerLine';

/** The ParseError a call throws (fails the test when it throws nothing or something else). */
function parseErrorOf(run: () => unknown): ParseError {
  try {
    run();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError, but nothing was thrown');
}

const read = (format: DataFormat) => (text: string) => parseTaskFile(text, { format });

/** Small files written for these tests, one per format, each holding the same two examples. */
const CONLLU = [
  '# sent_id = t-1',
  '1\tBob\tBob\tPROPN\tNNP\t_\t2\tnsubj\t_\t_',
  '2\truns\trun\tVERB\tVBZ\t_\t0\troot\t_\t_',
  '',
  '# sent_id = t-2',
  '1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_',
  '',
].join('\n');
const IOB2 = [
  '# sent_id = t-1',
  '1\tBob\tB-PER\t-\t-',
  '2\truns\tO\t-\t-',
  '',
  '# sent_id = t-2',
  '1\tHi\tO\t-\t-',
  '',
].join('\n');
const TSV = 'sentence\tlabel\nbob runs\t1\nhi\t0\n';
const CSV = 'text,label\nbob runs,1\nhi,0\n';
const FILES: readonly (readonly [DataFormat, string])[] = [
  ['conllu', CONLLU],
  ['iob2', IOB2],
  ['tsv', TSV],
  ['csv', CSV],
];

describe('malformed input', () => {
  it.each(FILES)('an empty %s file is "the file is empty" on line 1', (format) => {
    for (const text of ['', '\ufeff', '\n\n  \r\n\t\n']) {
      expect(parseErrorOf(() => read(format)(text)).message).toBe('line 1: the file is empty');
    }
  });

  it('binary content: NUL bytes (with their line) or many control / undecodable characters', () => {
    expect(parseErrorOf(() => parseTokenPerLine('Bob\tB-PER\n\u0000\u0001\u0002')).message).toBe(
      'line 2: the file looks binary (it contains NUL bytes), not text',
    );
    const image = '\ufffdPNG\r\n\u001a\n' + '\ufffd\u0003\ufffd'.repeat(30);
    expect(parseErrorOf(() => read('tsv')(image)).message).toBe(
      'line 1: the file looks binary (94% of its first 98 characters are control or undecodable characters), not text',
    );
    // A few undecodable characters (a Latin-1 file read as UTF-8) are not binary: the text is read.
    expect(
      parseTextLabel('sentence\tlabel\ncaf\ufffd au lait , tr\ufffds bien\t1\n', { delimiter: '\t' })[0]?.tokens,
    ).toEqual(['caf', '\ufffd', 'au', 'lait', ',', 'tr\ufffds', 'bien']);
  });

  it.each(FILES)('a UTF-8 BOM is ignored (%s)', (format, text) => {
    expect(read(format)('\ufeff' + text)).toEqual(read(format)(text));
  });

  it.each(FILES)('CRLF and lone CR line ends read the same as LF (%s)', (format, text) => {
    const expected = read(format)(text);
    expect(read(format)(text.replace(/\n/g, '\r\n'))).toEqual(expected);
    expect(read(format)(text.replace(/\n/g, '\r'))).toEqual(expected);
  });

  it('line numbers count lone CR line ends', () => {
    expect(parseErrorOf(() => parseTokenPerLine('Bob B-PER\rruns O\r\rHi X-PER\r')).message).toBe(
      'line 4: "X-PER" is not an IOB tag (O, B-TYPE or I-TYPE)',
    );
    expect(parseErrorOf(() => parseTextLabel('text,label\r"a\rb",1\rc\r', { delimiter: ',' })).message).toBe(
      'line 4: expected 2 columns as in the first row, found 1',
    );
  });

  it('a 10 MB single line gives a precise error at once in every parser', { timeout: 10_000 }, () => {
    const line = 'word '.repeat(2_000_000);
    expect(line.length).toBe(10_000_000);
    expect(parseErrorOf(() => read('tsv')(line)).message).toBe(
      'line 1: expected at least 2 tab-separated columns (text and label), found 1',
    );
    expect(parseErrorOf(() => read('csv')(line)).message).toBe(
      'line 1: expected at least 2 comma-separated columns (text and label), found 1',
    );
    expect(parseErrorOf(() => read('iob2')(line)).message).toBe(
      'line 1: "word" is not an IOB tag (O, B-TYPE or I-TYPE)',
    );
    expect(parseErrorOf(() => read('conllu')(line)).message).toBe(
      'line 1: expected 10 tab-separated CoNLL-U columns, found 1',
    );
    // As a header-only TSV line, and as one huge quoted CSV field.
    expect(parseErrorOf(() => read('tsv')(`${line}\tlabel`)).message).toBe(
      'line 1: the file has a header but no examples',
    );
    expect(parseErrorOf(() => read('csv')(`"${line}`)).message).toBe('line 1: a quoted field is never closed');
  });

  it('a 2 MB token of letters and punctuation is split in linear time', { timeout: 10_000 }, () => {
    const token = 'a' + '.'.repeat(1_000_000) + "'".repeat(1_000_000) + "n't";
    const [example] = parseTextLabel(`${token}\t1\n`, { delimiter: '\t', header: false });
    expect(example?.tokens.map((t) => t.length)).toEqual([2_000_001, 3]);
  });

  it('a row with the wrong number of columns names its line, the expected and the found count', () => {
    expect(parseErrorOf(() => read('tsv')('sentence\tlabel\nbob runs\t1\nhi\t0\textra\n')).message).toBe(
      'line 3: expected 2 columns as in the first row, found 3',
    );
    expect(parseErrorOf(() => read('csv')('text,label\nbob runs,1\n"hi, there"\n')).message).toBe(
      'line 3: expected 2 columns as in the first row, found 1',
    );
    expect(
      parseErrorOf(() =>
        read('conllu')(CONLLU.replace('2\truns\trun\tVERB\tVBZ\t_\t0\troot\t_\t_', '2\truns\trun\tVERB')),
      ).message,
    ).toBe('line 3: expected 10 tab-separated CoNLL-U columns, found 4');
    expect(parseErrorOf(() => read('iob2')(IOB2.replace('2\truns\tO\t-\t-', '2\truns\tO\t-'))).message).toBe(
      'line 3: expected 5 columns as on line 2, found 4',
    );
    expect(parseErrorOf(() => read('conll2003')('EU NNP B-NP B-ORG\nrejects VBZ O\n')).message).toBe(
      'line 2: expected 4 columns as on line 1, found 3',
    );
  });

  it('a tag outside the label set names its exact line, the token and the allowed tags', () => {
    const text = [
      '# sent_id = t-1',
      "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
      '1\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_',
      "2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_",
      '2.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t1:conj\t_',
      '3\tgo\tgo\tVERBB\tVB\t_\t1\txcomp\t_\t_',
      '',
    ].join('\n');
    const sentences = parseConllu(text);
    expect(parseErrorOf(() => checkLabelSet(sentences, UPOS_TAGS, 'pos.conllu')).message).toBe(
      'pos.conllu: line 6: the tag "VERBB" of "go" is not in the label set (expected one of ' +
        'ADJ, ADP, ADV, AUX, CCONJ, DET, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X)',
    );
    expect(() => checkLabelSet(parseConllu(CONLLU), UPOS_TAGS)).not.toThrow();

    const texts = parseTextLabel('sentence\tlabel\ngood\t1\nso so\t2\n', { delimiter: '\t' });
    expect(parseErrorOf(() => checkLabelSet(texts, SST2_LABELS, 'sst.tsv')).message).toBe(
      'sst.tsv: line 3: the label "2" is not in the label set (expected one of 0, 1)',
    );
    const ner = parseTokenPerLine('1\tBob\tB-PER\n2\tat\tO\n3\tACME\tB-COMPANY\n');
    expect(parseErrorOf(() => checkLabelSet(ner, UNER_TAGS)).message).toBe(
      'line 3: the tag "B-COMPANY" of "ACME" is not in the label set (expected one of O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-OTHER, I-OTHER)',
    );
  });

  it('an invalid IOB tag names its line: X-PER in the parser, IOBES tags in the strict IOB2 check', () => {
    expect(parseErrorOf(() => read('iob2')(IOB2.replace('2\truns\tO', '2\truns\tX-PER'))).message).toBe(
      'line 3: "X-PER" is not an IOB tag (O, B-TYPE or I-TYPE)',
    );
    const iobes = parseTokenPerLine('# sent_id = a\n1\tNew\tB-LOC\n# a note inside the sentence\n2\tYork\tE-LOC\n');
    expect(parseErrorOf(() => checkIob2(iobes, 'ner.iob2')).message).toBe(
      'ner.iob2: line 4: "E-LOC" is not an IOB2 tag (O, B-TYPE or I-TYPE)',
    );
    expect(() => checkIob2(parseTokenPerLine(IOB2))).not.toThrow();
  });

  it('CoNLL-U multiword ranges and empty nodes are skipped, word lines kept', () => {
    const text = [
      '# sent_id = r-1',
      "# text = Don't stop",
      "1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_",
      '1\tDo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_',
      "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_",
      '3\tstop\tstop\tVERB\tVB\t_\t0\troot\t_\t_',
      '3.1\tstop\tstop\tVERB\tVB\t_\t_\t_\t3:conj\t_',
      '',
    ].join('\n');
    expect(parseConllu(text)).toEqual([
      { id: 'r-1', tokens: ['Do', "n't", 'stop'], tags: ['AUX', 'PART', 'VERB'], line: 4 },
    ]);
  });

  it('CSV quoted fields keep commas, doubled quotes and line breaks', () => {
    const text = 'text,label\n"good, really good",1\n"a ""fine"" film",1\n"long\r\nreview, bad",0\n';
    const parsed = read('csv')(text);
    expect(parsed.kind).toBe('classification');
    expect(parsed.examples).toEqual([
      { tokens: ['good', ',', 'really', 'good'], label: '1', line: 2 },
      { tokens: ['a', '"', 'fine', '"', 'film'], label: '1', line: 3 },
      { tokens: ['long', 'review', ',', 'bad'], label: '0', line: 4 },
    ]);
  });

  it('long values are shortened in messages', () => {
    expect(parseErrorOf(() => parseTokenPerLine(`Bob ${'X'.repeat(100)}\n`)).message).toBe(
      `line 1: "${'X'.repeat(40)}…" is not an IOB tag (O, B-TYPE or I-TYPE)`,
    );
  });
});

describe('large input', () => {
  it('parses ~5 MB of CoNLL-U with ranges and empty nodes correctly', { timeout: 20_000 }, () => {
    const sentence = (n: number) =>
      [
        `# sent_id = big-${n}`,
        `# text = I can't go now ${n}`,
        '1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_',
        "2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_",
        '2\tca\tcan\tAUX\tMD\t_\t4\taux\t_\t_',
        "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
        '4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_',
        '4.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t4:conj\t_',
        '5\tnow\tnow\tADV\tRB\t_\t4\tadvmod\t_\t_',
        `6\t${n}\t${n}\tNUM\tCD\t_\t4\tobl\t_\t_`,
      ].join('\n');
    const count = 17_500;
    const text = Array.from({ length: count }, (_, i) => sentence(i)).join('\n\n') + '\n';
    expect(text.length).toBeGreaterThan(5_000_000);
    const sentences = parseConllu(text);
    expect(sentences).toHaveLength(count);
    expect(sentences.reduce((n, s) => n + s.tokens.length, 0)).toBe(count * 6);
    expect(sentences[count - 1]).toEqual({
      id: `big-${count - 1}`,
      tokens: ['I', 'ca', "n't", 'go', 'now', String(count - 1)],
      tags: ['PRON', 'AUX', 'PART', 'VERB', 'ADV', 'NUM'],
      line: (count - 1) * 11 + 3,
    });
    expect(() => checkLabelSet(sentences, UPOS_TAGS)).not.toThrow();
  });
});
