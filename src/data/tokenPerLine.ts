import { ParseError, assertText, splitLines } from './parseError';
import { SentenceBuilder, sentenceIdOf } from './sentenceBuilder';
import type { TaggedSentence } from './types';

/** Tags that token-per-line NER files may carry: O, or B-/I-/E-/S- with a type. */
const NER_TAG = /^(O|[BIES]-\S+)$/;

interface TokenLine {
  readonly token: string;
  readonly tag: string;
}

/**
 * Universal NER (`id<TAB>token<TAB>tag<TAB>…`, `#` comments) or CoNLL-2003
 * (`token POS chunk tag`, space separated, `-DOCSTART-` lines). Blank lines
 * end sentences.
 */
function readTokenLine(line: string): TokenLine | undefined {
  if (line.includes('\t')) {
    const cols = line.split('\t');
    if (cols.length >= 3 && /^[0-9]+$/.test(cols[0] ?? '')) return { token: cols[1] ?? '', tag: cols[2] ?? '' };
    if (cols.length >= 2) return { token: cols[0] ?? '', tag: cols[cols.length - 1] ?? '' };
    return undefined;
  }
  const cols = line.trim().split(/\s+/);
  if (cols.length < 2) return undefined;
  return { token: cols[0] ?? '', tag: cols[cols.length - 1] ?? '' };
}

export function parseTokenPerLine(text: string): TaggedSentence[] {
  assertText(text);
  const builder = new SentenceBuilder();

  splitLines(text).forEach((raw, index) => {
    const lineNo = index + 1;
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
    if (!NER_TAG.test(parsed.tag)) {
      throw new ParseError(`"${parsed.tag}" is not an IOB tag (O, B-TYPE or I-TYPE)`, lineNo);
    }
    builder.add(parsed.token, parsed.tag, lineNo);
  });
  builder.end();
  const sentences = builder.sentences;
  if (sentences.length === 0) throw new ParseError('no sentences found in the token-per-line file', 1);
  return sentences;
}
