import { ParseError } from './parseError';
import { SentenceBuilder, sentenceIdOf } from './sentenceBuilder';
import { assertText, forEachLine, quoted } from './textInput';
import type { TaggedSentence } from './types';

/** Tags that token-per-line NER files may carry: O, or B-/I-/E-/S- with a type. */
export const NER_TAG = /^(O|[BIES]-\S+)$/;

/** One token line, and where its token and tag came from (0-based columns). */
export interface TokenLine {
  readonly token: string;
  readonly tag: string;
  readonly columns: number;
  readonly separator: 'tab' | 'space';
  readonly tokenColumn: number;
  readonly tagColumn: number;
}

/** Same set as the regex class \s. */
function isWhitespace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Whitespace-separated columns without splitting: only the first and last are
 * needed, and a 10 MB line must not become two million strings.
 */
function spaceColumns(line: string): { count: number; first: string; last: string } {
  let count = 0;
  let first = '';
  let lastStart = 0;
  let lastEnd = 0;
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isWhitespace(line.charCodeAt(i))) i++;
    if (i >= line.length) break;
    const start = i;
    while (i < line.length && !isWhitespace(line.charCodeAt(i))) i++;
    if (count === 0) first = line.slice(start, i);
    count++;
    lastStart = start;
    lastEnd = i;
  }
  return { count, first, last: line.slice(lastStart, lastEnd) };
}

/**
 * Universal NER (`id<TAB>token<TAB>tag<TAB>…`, `#` comments) or CoNLL-2003
 * (`token POS chunk tag`, space separated, `-DOCSTART-` lines): the token is
 * the column after a numeric id, else the first; the tag the one after the
 * token in UNER, else the last. Undefined for a line with one column.
 */
export function readTokenLine(line: string): TokenLine | undefined {
  if (line.includes('\t')) {
    const cols = line.split('\t');
    if (cols.length >= 3 && /^[0-9]+$/.test(cols[0] ?? '')) {
      return {
        token: cols[1] ?? '',
        tag: cols[2] ?? '',
        columns: cols.length,
        separator: 'tab',
        tokenColumn: 1,
        tagColumn: 2,
      };
    }
    if (cols.length >= 2) {
      const last = cols.length - 1;
      return {
        token: cols[0] ?? '',
        tag: cols[last] ?? '',
        columns: cols.length,
        separator: 'tab',
        tokenColumn: 0,
        tagColumn: last,
      };
    }
    return undefined;
  }
  const { count, first, last } = spaceColumns(line);
  if (count < 2) return undefined;
  return { token: first, tag: last, columns: count, separator: 'space', tokenColumn: 0, tagColumn: count - 1 };
}

export function parseTokenPerLine(text: string): TaggedSentence[] {
  assertText(text);
  const builder = new SentenceBuilder();
  // Every token line must have as many columns as the first one: a line that
  // differs is a broken or misaligned line, not another format.
  let expected: { columns: number; line: number } | undefined;

  forEachLine(text, (raw, lineNo) => {
    const line = raw.trimEnd();
    if (line.trim() === '' || line.startsWith('-DOCSTART-')) return builder.end();
    const parsed = readTokenLine(line);
    const isComment = line.startsWith('#') && (parsed === undefined || !NER_TAG.test(parsed.tag));
    if (isComment) {
      const id = sentenceIdOf(line);
      if (id !== undefined && builder.empty) builder.setId(id);
      return;
    }
    if (parsed === undefined) {
      throw new ParseError('expected a token and its tag (tab- or space-separated columns)', lineNo);
    }
    expected ??= { columns: parsed.columns, line: lineNo };
    if (parsed.columns !== expected.columns) {
      throw new ParseError(
        `expected ${expected.columns} columns as on line ${expected.line}, found ${parsed.columns}`,
        lineNo,
      );
    }
    if (!NER_TAG.test(parsed.tag)) {
      throw new ParseError(`${quoted(parsed.tag)} is not an IOB tag (O, B-TYPE or I-TYPE)`, lineNo);
    }
    builder.add(parsed.token, parsed.tag, lineNo);
  });
  builder.end();
  const sentences = builder.sentences;
  if (sentences.length === 0) throw new ParseError('no sentences found in the token-per-line file', 1);
  return sentences;
}
