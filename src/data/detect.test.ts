import { describe, expect, it } from 'vitest';
import { SHARED, hasSharedData, readShared } from '../testing/sharedData';
import { detectFormat } from './detect';
import { parseTaskFile } from './formats';

/** Snippets in the shape of each corpus, written for this test (not copied from the corpora). */
const UD_LIKE = [
  '# newdoc id = demo-doc',
  '# sent_id = demo-0001',
  "# text = We didn't wait.",
  '1\tWe\twe\tPRON\tPRP\tCase=Nom|Number=Plur\t3\tnsubj\t3:nsubj\t_',
  "2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_",
  '2\tdid\tdo\tAUX\tVBD\tMood=Ind\t4\taux\t4:aux\t_',
  "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_",
  '4\twait\twait\tVERB\tVB\tVerbForm=Inf\t0\troot\t0:root\tSpaceAfter=No',
  '5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_',
  '',
].join('\n');

const UNER_LIKE = [
  '# sent_id = demo-0001',
  '# text = Ana flew to Porto',
  '1\tAna\tB-PER\t-\tannotator1',
  '2\tflew\tO\t-\t-',
  '3\tto\tO\t-\t-',
  '4\tPorto\tB-LOC\t-\tannotator1',
  '',
  '# sent_id = demo-0002',
  '1\tThanks\tO\t-\t-',
  '',
].join('\n');

const CONLL2003_LIKE = [
  '-DOCSTART- -X- -X- O',
  '',
  'Ana NNP B-NP B-PER',
  'joined VBD B-VP O',
  'Acme NNP B-NP B-ORG',
  'Corp NNP I-NP I-ORG',
  '',
  'Fine JJ B-ADJP O',
  '',
].join('\n');

const SST2_LIKE = 'label\tsentence\n1\ta warm , funny film .\n0\tflat and tired .\n1\tsharp writing\n';

describe('detectFormat', () => {
  it('CoNLL-U: 10 tab columns with numeric ids (ranges included); the tag is UPOS', () => {
    const d = detectFormat(UD_LIKE);
    expect(d).toEqual({
      format: 'conllu',
      kind: 'tagging',
      reason:
        'all the first 6 word lines have the 10 tab-separated CoNLL-U columns with numeric word ids, ' +
        'and sentences carry # sent_id comments; the tag is the UPOS column (4).',
      tokenColumns: { separator: 'tab', count: 10, tokenColumn: 1, tagColumn: 3 },
    });
  });

  it('Universal NER token-per-line (id token tag - annotator) is IOB2 with the tag in column 3', () => {
    const d = detectFormat(UNER_LIKE);
    expect(d.format).toBe('iob2');
    expect(d.kind).toBe('tagging');
    expect(d.tokenColumns).toEqual({ separator: 'tab', count: 5, tokenColumn: 1, tagColumn: 2 });
    expect(d.reason).toBe(
      'all the first 5 token lines have 5 tab-separated columns with an IOB tag (O, B-…, I-…) in column 3; ' +
        'blank lines separate the sentences; tab-separated columns are IOB2 (Universal NER) style.',
    );
  });

  it('CoNLL-2003 (space-separated, -DOCSTART-) with the tag in the last column', () => {
    const d = detectFormat(CONLL2003_LIKE);
    expect(d.format).toBe('conll2003');
    expect(d.tokenColumns).toEqual({ separator: 'space', count: 4, tokenColumn: 0, tagColumn: 3 });
    expect(d.reason).toContain('-DOCSTART- lines mark CoNLL-2003');
    // Two plain columns, tab-separated, are IOB2; the extension can say CoNLL-2003.
    expect(detectFormat('Ana\tB-PER\nleft\tO\n').format).toBe('iob2');
    expect(detectFormat('Ana\tB-PER\nleft\tO\n', 'train.conll').format).toBe('conll2003');
  });

  it('SST-2 style TSV: header names, label and text columns', () => {
    const d = detectFormat(SST2_LIKE, 'dev.tsv');
    expect(d).toEqual({
      format: 'tsv',
      kind: 'classification',
      reason:
        'tabs split every row evenly (2 columns); the first row names the columns; ' +
        'the label looks like column 1 (named "label"), the text column 2 (named "sentence").',
      columns: { names: ['label', 'sentence'], hasHeader: true, textColumn: 1, labelColumn: 0 },
    });
  });

  it('CSV with quoted commas; headerless files guessed by content (few distinct values = label, longest = text)', () => {
    const csv = detectFormat(
      'review,stars\n"long, slow and dull",1\n"great, great fun",5\n"fine",3\n"not bad, not good",3\n',
    );
    expect(csv.format).toBe('csv');
    expect(csv.columns).toEqual({ names: ['review', 'stars'], hasHeader: true, textColumn: 0, labelColumn: 1 });

    const headerless = detectFormat('pos\tthe best film this year\nneg\ta waste of time\npos\tloved it\n');
    expect(headerless.columns).toEqual({
      names: ['column 1', 'column 2'],
      hasHeader: false,
      textColumn: 1,
      labelColumn: 0,
    });
    expect(headerless.reason).toBe(
      'tabs split every row evenly (2 columns); there is no header row; ' +
        'the label looks like column 1 (2 distinct values), the text column 2 (the longest values).',
    );

    const unnamedHeader = detectFormat(
      'id\tbody\ttarget\n1\tgood stuff here\t1\n2\tbad stuff\t0\n3\tmore good stuff\t1\n',
    );
    expect(unnamedHeader.columns).toEqual({
      names: ['id', 'body', 'target'],
      hasHeader: true,
      textColumn: 1,
      labelColumn: 2,
    });

    // A first-row label that never recurs marks a header once there are enough rows to tell.
    const rows = Array.from({ length: 12 }, (_, i) => `${i % 2 ? 'pos' : 'neg'}\treview number ${i}`).join('\n');
    expect(detectFormat(`verdict\twords\n${rows}\n`).columns?.hasHeader).toBe(true);
    expect(detectFormat(`verdict\twords\n${rows.split('\n').slice(0, 3).join('\n')}\n`).columns?.hasHeader).toBe(false);
  });

  it('detected columns read the file with parseTaskFile', () => {
    const text = 'neg\tdull and long\npos\tclever\npos\tfun to watch\n';
    const d = detectFormat(text);
    const columns = d.columns;
    expect(columns).toBeDefined();
    const parsed = parseTaskFile(text, {
      format: d.format,
      header: columns?.hasHeader ?? true,
      textColumn: columns?.textColumn ?? 0,
      labelColumn: columns?.labelColumn ?? 1,
    });
    expect(parsed.examples.map((e) => ('label' in e ? e.label : ''))).toEqual(['neg', 'pos', 'pos']);
  });

  it('the file extension breaks a tie between tabs and commas', () => {
    const both = 'a,b\tc\nd,e\tf\ng,h\ti\n';
    expect(detectFormat(both).format).toBe('tsv');
    expect(detectFormat(both, 'data.csv').format).toBe('csv');
    expect(detectFormat(both, 'data.csv').reason).toContain('the file name ends in .csv');
  });

  it('a BOM and CRLF line ends do not change the result', () => {
    expect(detectFormat('\ufeff' + UD_LIKE.replace(/\n/g, '\r\n'))).toEqual(detectFormat(UD_LIKE));
    expect(detectFormat(UNER_LIKE.replace(/\n/g, '\r'))).toEqual(detectFormat(UNER_LIKE));
  });

  it.each([
    ['', undefined, 'line 1: the file is empty'],
    [
      '\u0000\u0001\u0002PK',
      'upload.zip',
      'upload.zip: line 1: the file looks binary (it contains NUL bytes), not text',
    ],
    [
      'just some words\nand more words\n',
      'notes.txt',
      'notes.txt: line 1: cannot tell the format: no CoNLL-U word lines, no IOB tags, and no tab- or comma-separated columns',
    ],
    [
      'a\tb\nc\td\te\tf\n',
      undefined,
      'line 2: cannot tell the format: the rows have different numbers of tab-separated columns (line 1 has 2, line 2 has 4)',
    ],
    [
      '# comment\n# another\n',
      undefined,
      'line 1: the start of the file holds only comment lines (starting with #), no data',
    ],
    [
      'The\tDET\ncat\tNOUN\n\nIt\tPRON\nran\tVERB\n',
      undefined,
      'line 1: this looks like one token a line with tags such as "DET", which are not IOB tags (O, B-TYPE, I-TYPE); POS tags must come as CoNLL-U',
    ],
    [
      'Ana\tB-PER\tNNP\nleft\tO\tVBD\n\nBo\tB-PER\tNNP\n',
      undefined,
      'line 1: this looks like one token a line with IOB tags in column 2 of 3, but the tag must be the last column (or the third, after a numeric id and the token)',
    ],
  ])('cannot tell: %j → %s', (text, fileName, message) => {
    expect(() => detectFormat(text, fileName)).toThrowError(message);
  });

  it('a 10 MB single line is judged on its start, at once', { timeout: 10_000 }, () => {
    expect(() => detectFormat('word '.repeat(2_000_000))).toThrowError(
      'line 1: cannot tell the format: no CoNLL-U word lines, no IOB tags, and no tab- or comma-separated columns',
    );
  });

  it.runIf(hasSharedData())('tells the formats of the real corpora', () => {
    expect(detectFormat(readShared(SHARED.udDev), 'en_ewt-ud-dev.conllu').format).toBe('conllu');
    const uner = detectFormat(readShared(SHARED.unerDev), 'en_ewt-ud-dev.iob2');
    expect([uner.format, uner.tokenColumns?.tagColumn]).toEqual(['iob2', 2]);
    const sst = detectFormat(readShared(SHARED.sstDev), 'dev.tsv');
    expect([sst.format, sst.columns?.hasHeader, sst.columns?.labelColumn, sst.columns?.textColumn]).toEqual([
      'tsv',
      true,
      0,
      1,
    ]);
  });
});
