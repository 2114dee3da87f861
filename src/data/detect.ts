import type { DataFormat } from '../config/experiment';
import type { DelimitedColumns } from './columnGuess';
import { ParseError } from './parseError';
import { assertText, splitLines, stripBom } from './textInput';
import type { TaskKind } from './types';
import { detectDelimited } from './detect/delimited';
import { dataLines } from './detect/lines';
import { detectConllu, detectTokenPerLine } from './detect/tagged';

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
