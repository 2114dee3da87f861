import { ParseError, assertText, splitLines } from './parseError';
import { SentenceBuilder, sentenceIdOf } from './sentenceBuilder';
import type { TaggedSentence } from './types';

export interface ConlluOptions {
  /** Which tag column to read: UPOS (column 4, default) or XPOS (column 5). */
  readonly tagColumn?: 'upos' | 'xpos';
}

const WORD_ID = /^[1-9][0-9]*$/;
const RANGE_ID = /^[0-9]+-[0-9]+$/;
const EMPTY_NODE_ID = /^[0-9]+\.[0-9]+$/;

/**
 * Reads CoNLL-U word lines into tagged sentences. Multiword-token ranges
 * (`4-5`) and empty nodes (`8.1`) are skipped: tagging works on words.
 */
export function parseConllu(text: string, options: ConlluOptions = {}): TaggedSentence[] {
  assertText(text);
  const column = options.tagColumn === 'xpos' ? 4 : 3;
  const builder = new SentenceBuilder();

  splitLines(text).forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trimEnd();
    if (line === '') return builder.end();
    if (line.startsWith('#')) {
      const id = sentenceIdOf(line);
      if (id !== undefined) builder.setId(id);
      return;
    }
    const cols = line.split('\t');
    if (cols.length !== 10) {
      throw new ParseError(`expected 10 tab-separated CoNLL-U columns, found ${cols.length}`, lineNo);
    }
    const wordId = cols[0] ?? '';
    if (RANGE_ID.test(wordId) || EMPTY_NODE_ID.test(wordId)) return;
    if (!WORD_ID.test(wordId)) throw new ParseError(`"${wordId}" is not a CoNLL-U word id`, lineNo);
    const form = cols[1] ?? '';
    const tag = cols[column] ?? '';
    if (form === '' || tag === '' || tag === '_') {
      throw new ParseError(`word ${wordId} has no ${column === 3 ? 'UPOS' : 'XPOS'} tag`, lineNo);
    }
    builder.add(form, tag, lineNo);
  });
  builder.end();
  const sentences = builder.sentences;
  if (sentences.length === 0) throw new ParseError('no sentences found in the CoNLL-U file', 1);
  return sentences;
}
