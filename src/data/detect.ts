import { FORMAT_KIND, type DataFormat } from '../config/experiment';
import { guessColumns, type DelimitedColumns } from './columnGuess';
import { parseDelimited, type DelimitedRow } from './delimited';
import { ParseError } from './parseError';
import { assertText, quoted, splitLines, stripBom } from './textInput';
import { NER_TAG, readTokenLine, type TokenLine } from './tokenPerLine';
import type { TaskKind } from './types';

export type { DelimitedColumns } from './columnGuess';

/** Where a tagging file keeps its token and tag (0-based columns), as the parser reads them. */
export interface TokenColumns {
  readonly separator: 'tab' | 'space';
  readonly count: number;
  readonly tokenColumn: number;
  readonly tagColumn: number;
}

export interface Detection {
  readonly format: DataFormat;
  readonly kind: TaskKind;
  /** Why, in a sentence for the page: "all 12 token lines have …". */
  readonly reason: string;
  /** TSV/CSV: header, and the best guess of the text and label columns. */
  readonly columns?: DelimitedColumns;
  /** CoNLL-U and token-per-line files: where the token and the tag are. */
  readonly tokenColumns?: TokenColumns;
}

/** Only the start of a file is looked at: detection stays instant on a 50 MB file. */
const SAMPLE_CHARS = 64 * 1024;
/** Share of sampled lines that must fit a format; a stray odd line should not hide the format. */
const MAJORITY = 0.9;
const CONLLU_ID = /^[0-9]+(?:[-.][0-9]+)?$/;
const TAB_EXTENSIONS = ['tsv', 'tab'];
const IOB2_EXTENSIONS = ['iob2', 'iob', 'bio', 'ner'];
const CONLL_EXTENSIONS = ['conll', 'conll2003', 'conll03'];

interface SampledLine {
  readonly text: string;
  readonly lineNo: number;
}

function extensionOf(fileName: string | undefined): string {
  return /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase() ?? '';
}

/** The start of the file, cut at a line end so that no half line is judged (unless it is all there is). */
function sampleText(text: string): string {
  const source = stripBom(text);
  if (source.length <= SAMPLE_CHARS) return source;
  const head = source.slice(0, SAMPLE_CHARS);
  const lastBreak = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r'));
  return lastBreak > 0 ? head.slice(0, lastBreak) : head;
}

/** "all the first 12 token lines" / "11 of the first 12 token lines" (only the file's start is sampled). */
function phrase(matching: number, total: number, what: string): string {
  return `${matching === total ? 'all' : `${matching} of`} the first ${total} ${what}`;
}

/** Lines that hold data: not blank, not a `#` comment. */
function dataLines(lines: readonly SampledLine[]): SampledLine[] {
  return lines.filter((l) => l.text.trim() !== '' && !l.text.startsWith('#'));
}

function detectConllu(lines: readonly SampledLine[]): Detection | undefined {
  const data = dataLines(lines);
  const matching = data.filter((l) => {
    const cols = l.text.trimEnd().split('\t');
    return cols.length === 10 && CONLLU_ID.test(cols[0] ?? '');
  }).length;
  if (data.length === 0 || matching < MAJORITY * data.length) return undefined;
  const sentIds = lines.some((l) => /^#\s*sent_id\s*=/.test(l.text));
  return {
    format: 'conllu',
    kind: FORMAT_KIND.conllu,
    reason:
      `${phrase(matching, data.length, 'word lines')} have the 10 tab-separated CoNLL-U columns with numeric word ids` +
      `${sentIds ? ', and sentences carry # sent_id comments' : ''}; the tag is the UPOS column (4).`,
    tokenColumns: { separator: 'tab', count: 10, tokenColumn: 1, tagColumn: 3 },
  };
}

interface TokenLineSample {
  readonly lineNo: number;
  readonly parsed: TokenLine | undefined;
  readonly text: string;
}

/** Token lines as the token-per-line parser sees them (comments and -DOCSTART- left out). */
function tokenLines(lines: readonly SampledLine[]): { tokens: TokenLineSample[]; docStart: boolean; blocks: number } {
  const tokens: TokenLineSample[] = [];
  let docStart = false;
  let blocks = 0;
  let inBlock = false;
  for (const { text: raw, lineNo } of lines) {
    const text = raw.trimEnd();
    if (text.trim() === '' || text.startsWith('-DOCSTART-')) {
      docStart ||= text.startsWith('-DOCSTART-');
      inBlock = false;
      continue;
    }
    const parsed = readTokenLine(text);
    if (text.startsWith('#') && (parsed === undefined || !NER_TAG.test(parsed.tag))) continue;
    if (!inBlock) blocks++;
    inBlock = true;
    tokens.push({ lineNo, parsed, text });
  }
  return { tokens, docStart, blocks };
}

function modalValue(values: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const v of values) {
    const count = (counts.get(v) ?? 0) + 1;
    counts.set(v, count);
    if (count > bestCount) [best, bestCount] = [v, count];
  }
  return best;
}

function splitColumns(text: string): string[] {
  return text.includes('\t') ? text.split('\t') : text.trim().split(/\s+/);
}

/** A column other than the parser's tag column that holds IOB tags: the parser would not find them. */
function misplacedTagColumn(tokens: readonly TokenLineSample[]): { column: number; count: number } | undefined {
  const rows = tokens.map((t) => splitColumns(t.text));
  const count = modalValue(rows.map((r) => r.length));
  if (count < 2) return undefined;
  for (let column = 0; column < count; column++) {
    const values = rows.map((r) => r[column] ?? '');
    const iob = values.filter((v) => NER_TAG.test(v)).length;
    const entities = values.some((v) => v !== 'O' && NER_TAG.test(v));
    if (entities && iob >= MAJORITY * rows.length) return { column, count };
  }
  return undefined;
}

function detectTokenPerLine(lines: readonly SampledLine[], extension: string): Detection | undefined {
  const { tokens, docStart, blocks } = tokenLines(lines);
  if (tokens.length === 0) return undefined;
  const singleTokens = tokens.filter((t) => t.parsed !== undefined && !/\s/.test(t.parsed.token)).length;
  if (singleTokens < MAJORITY * tokens.length) return undefined;
  const tagged = tokens.filter((t) => t.parsed !== undefined && NER_TAG.test(t.parsed.tag));
  const firstUntagged = tokens.find((t) => t.parsed === undefined || !NER_TAG.test(t.parsed.tag));

  if (tagged.length < MAJORITY * tokens.length) {
    const misplaced = misplacedTagColumn(tokens);
    if (misplaced && firstUntagged) {
      throw new ParseError(
        `this looks like one token a line with IOB tags in column ${misplaced.column + 1} of ${misplaced.count}, ` +
          'but the tag must be the last column (or the third, after a numeric id and the token)',
        firstUntagged.lineNo,
      );
    }
    const blockLines = tokens.length / Math.max(1, blocks);
    if (blocks >= 2 && blockLines >= 2 && firstUntagged?.parsed) {
      throw new ParseError(
        `this looks like one token a line with tags such as ${quoted(firstUntagged.parsed.tag)}, which are not IOB tags ` +
          '(O, B-TYPE, I-TYPE); POS tags must come as CoNLL-U',
        firstUntagged.lineNo,
      );
    }
    return undefined;
  }

  const shape = tagged.map((t) => t.parsed).filter((p): p is TokenLine => p !== undefined);
  const count = modalValue(shape.map((p) => p.columns));
  const sample = shape.find((p) => p.columns === count) ?? shape[0];
  if (sample === undefined) return undefined;
  const spaced = sample.separator === 'space';
  let format: DataFormat;
  let why: string;
  if (docStart) [format, why] = ['conll2003', '-DOCSTART- lines mark CoNLL-2003'];
  else if (IOB2_EXTENSIONS.includes(extension)) [format, why] = ['iob2', `the file name ends in .${extension}`];
  else if (CONLL_EXTENSIONS.includes(extension)) [format, why] = ['conll2003', `the file name ends in .${extension}`];
  else if (spaced) [format, why] = ['conll2003', 'space-separated columns are CoNLL-2003 style'];
  else [format, why] = ['iob2', 'tab-separated columns are IOB2 (Universal NER) style'];

  const separator = spaced ? 'space' : 'tab';
  const blankLines = blocks >= 2 ? '; blank lines separate the sentences' : '';
  return {
    format,
    kind: FORMAT_KIND[format],
    reason:
      `${phrase(tagged.length, tokens.length, 'token lines')} have ${count} ${separator}-separated columns with an IOB tag ` +
      `(O, B-…, I-…) in column ${sample.tagColumn + 1}${blankLines}; ${why}.`,
    tokenColumns: { separator, count, tokenColumn: sample.tokenColumn, tagColumn: sample.tagColumn },
  };
}

interface DelimitedShape {
  readonly delimiter: '\t' | ',';
  readonly rows: DelimitedRow[];
  /** The most common number of columns, and the share of rows that have it. */
  readonly width: number;
  readonly share: number;
}

function delimitedShape(sample: string, delimiter: '\t' | ','): DelimitedShape | undefined {
  let rows: DelimitedRow[];
  try {
    rows = parseDelimited(sample, delimiter);
  } catch (err) {
    if (err instanceof ParseError) return undefined;
    throw err;
  }
  if (rows.length === 0) return undefined;
  const width = modalValue(rows.map((r) => r.fields.length));
  const share = rows.filter((r) => r.fields.length === width).length / rows.length;
  return { delimiter, rows, width, share };
}

/** Most rows have the same number (≥ 2) of columns. */
function usable(shape: DelimitedShape | undefined): boolean {
  return shape !== undefined && shape.width >= 2 && shape.share >= MAJORITY;
}

function chooseDelimited(
  tsv: DelimitedShape | undefined,
  csv: DelimitedShape | undefined,
  extension: string,
): { shape: DelimitedShape; why: string } {
  const byExtension = extension === 'csv' ? csv : TAB_EXTENSIONS.includes(extension) ? tsv : undefined;
  if (tsv && csv && usable(tsv) && usable(csv)) {
    if (byExtension)
      return {
        shape: byExtension,
        why: `both tabs and commas split the rows evenly; the file name ends in .${extension}`,
      };
    if (csv.share > tsv.share) return { shape: csv, why: 'commas split the rows more evenly than tabs' };
    return {
      shape: tsv,
      why: 'both tabs and commas split the rows evenly; tabs win, as commas are common inside text',
    };
  }
  if (tsv && usable(tsv)) return { shape: tsv, why: 'tabs split every row evenly' };
  if (csv && usable(csv)) return { shape: csv, why: 'commas split every row evenly' };
  if (byExtension && byExtension.width >= 2) {
    return {
      shape: byExtension,
      why: `the rows have different numbers of columns, so the file name (.${extension}) decides`,
    };
  }
  const shapes: DelimitedShape[] = [];
  for (const shape of [tsv, csv]) if (shape !== undefined && shape.width >= 2) shapes.push(shape);
  const best = shapes.sort((a, b) => b.share - a.share)[0];
  if (best === undefined) {
    throw new ParseError(
      'cannot tell the format: no CoNLL-U word lines, no IOB tags, and no tab- or comma-separated columns',
      1,
    );
  }
  const first = best.rows[0];
  const odd = best.rows.find((r) => r.fields.length !== first?.fields.length);
  const name = best.delimiter === '\t' ? 'tab' : 'comma';
  throw new ParseError(
    `cannot tell the format: the rows have different numbers of ${name}-separated columns ` +
      `(line ${first?.line ?? 1} has ${first?.fields.length ?? 0}, line ${odd?.line ?? 1} has ${odd?.fields.length ?? 0})`,
    odd?.line ?? 1,
  );
}

function detectDelimited(sample: string, extension: string): Detection {
  const { shape, why } = chooseDelimited(delimitedShape(sample, '\t'), delimitedShape(sample, ','), extension);
  const format: DataFormat = shape.delimiter === '\t' ? 'tsv' : 'csv';
  const { columns, why: columnsWhy } = guessColumns(shape.rows, shape.width);
  return {
    format,
    kind: FORMAT_KIND[format],
    reason: `${why} (${shape.width} columns); ${columnsWhy}.`,
    columns,
  };
}

function detect(text: string, extension: string): Detection {
  assertText(text);
  const sample = sampleText(text);
  const lines = splitLines(sample).map((t, i) => ({ text: t, lineNo: i + 1 }));
  if (dataLines(lines).length === 0) {
    throw new ParseError('the start of the file holds only comment lines (starting with #), no data', 1);
  }
  return detectConllu(lines) ?? detectTokenPerLine(lines, extension) ?? detectDelimited(sample, extension);
}

/**
 * Tells the format of a data file from its content (the file name's
 * extension only breaks ties): CoNLL-U, token-per-line IOB (UNER or
 * CoNLL-2003), else TSV or CSV with a guess of the text and label columns.
 * Throws a ParseError when the file is empty, binary, or fits no format.
 */
export function detectFormat(text: string, fileName?: string): Detection {
  try {
    return detect(text, extensionOf(fileName));
  } catch (err) {
    if (err instanceof ParseError && fileName !== undefined) throw err.withFile(fileName);
    throw err;
  }
}
