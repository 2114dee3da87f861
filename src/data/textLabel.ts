import { forEachRow, type DelimitedRow } from './delimited';
import { ParseError } from './parseError';
import { StringPool } from './stringPool';
import { tokenize } from './tokenize';
import type { LabelledText } from './types';

export interface TextLabelOptions {
  readonly delimiter: '\t' | ',';
  /** Whether the first row names the columns (default true). */
  readonly header?: boolean;
  /** Column holding the text: a header name or a 0-based index. Default: a column named sentence/text/content, else the one that is not the label. */
  readonly textColumn?: string | number;
  /** Column holding the label: a header name or a 0-based index. Default: a column named label, else the last. */
  readonly labelColumn?: string | number;
}

export const TEXT_NAMES: readonly string[] = ['sentence', 'text', 'content', 'review', 'document'];
export const LABEL_NAMES: readonly string[] = ['label', 'sentiment', 'class', 'polarity'];

function resolveColumn(
  wanted: string | number | undefined,
  header: readonly string[] | undefined,
  width: number,
  fallbackNames: readonly string[],
  fallbackIndex: number,
  role: string,
): number {
  if (typeof wanted === 'number') {
    if (!Number.isInteger(wanted) || wanted < 0 || wanted >= width) {
      throw new ParseError(`${role} column ${wanted} does not exist (the file has ${width} columns)`, 1);
    }
    return wanted;
  }
  const names = header?.map((h) => h.trim().toLowerCase());
  if (wanted !== undefined) {
    const index = names?.indexOf(wanted.toLowerCase()) ?? -1;
    if (index < 0) throw new ParseError(`no ${role} column named "${wanted}" in the header`, 1);
    return index;
  }
  const named = names?.findIndex((n) => fallbackNames.includes(n)) ?? -1;
  return named >= 0 ? named : fallbackIndex;
}

interface Layout {
  readonly width: number;
  readonly textIndex: number;
  readonly labelIndex: number;
}

/** Width and text/label columns, from the first row. */
function layoutOf(first: DelimitedRow, options: TextLabelOptions, hasHeader: boolean): Layout {
  const width = first.fields.length;
  if (width < 2) {
    const name = options.delimiter === '\t' ? 'tab' : 'comma';
    throw new ParseError(`expected at least 2 ${name}-separated columns (text and label), found ${width}`, first.line);
  }
  const header = hasHeader ? first.fields : undefined;
  const labelIndex = resolveColumn(options.labelColumn, header, width, LABEL_NAMES, width - 1, 'label');
  const textDefault = labelIndex === 0 ? 1 : 0;
  const textIndex = resolveColumn(options.textColumn, header, width, TEXT_NAMES, textDefault, 'text');
  if (textIndex === labelIndex) throw new ParseError('the text and label columns are the same column', first.line);
  return { width, textIndex, labelIndex };
}

/** Reads a TSV/CSV file of text + label rows (sentiment, topic, …). */
export function parseTextLabel(text: string, options: TextLabelOptions): LabelledText[] {
  const hasHeader = options.header ?? true;
  const pool = new StringPool();
  const examples: LabelledText[] = [];
  let first: DelimitedRow | undefined;
  let layout: Layout | undefined;

  const readRow = (row: DelimitedRow, { width, textIndex, labelIndex }: Layout) => {
    if (row.fields.length !== width) {
      throw new ParseError(`expected ${width} columns as in the first row, found ${row.fields.length}`, row.line);
    }
    const label = pool.intern((row.fields[labelIndex] ?? '').trim());
    const tokens = tokenize(row.fields[textIndex] ?? '').map((t) => pool.intern(t));
    if (label === '') throw new ParseError('the label is empty', row.line);
    if (tokens.length === 0) throw new ParseError('the text is empty', row.line);
    examples.push({ tokens, label, line: row.line });
  };

  // Rows are read as they come rather than collected first: a big file never holds all rows and all examples at once.
  forEachRow(text, options.delimiter, (row) => {
    if (layout === undefined) {
      first = row;
      layout = layoutOf(row, options, hasHeader);
      if (hasHeader) return;
    }
    readRow(row, layout);
  });
  if (first === undefined) throw new ParseError('the file is empty', 1);
  if (examples.length === 0) throw new ParseError('the file has a header but no examples', first.line);
  return examples;
}
