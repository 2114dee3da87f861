import { ParseError } from './parseError';
import { SentenceBuilder, sentenceIdOf } from './sentenceBuilder';
import { assertText, forEachLine, quoted } from './textInput';
import type { TaggedSentence } from './types';

export interface ConlluOptions {
  /** Which tag column to read: UPOS (column 4, default) or XPOS (column 5). */
  readonly tagColumn?: 'upos' | 'xpos';
}

const CONLLU_COLUMNS = 10;
const WORD_ID = /^[1-9][0-9]*$/;
const RANGE_ID = /^[0-9]+-[0-9]+$/;
const EMPTY_NODE_ID = /^[0-9]+\.[0-9]+$/;

/**
 * Start offsets of the 10 columns of a CoNLL-U line, or the number of columns
 * when it is not 10. Finding tabs with indexOf instead of split('\t') spares
 * ten strings a line, which is most of the time on a 50 MB treebank.
 */
function columnStarts(line: string, starts: Int32Array): number {
  starts[0] = 0;
  let at = -1;
  for (let column = 1; column < CONLLU_COLUMNS; column++) {
    at = line.indexOf('\t', at + 1);
    if (at < 0) return column;
    starts[column] = at + 1;
  }
  return line.indexOf('\t', at + 1) < 0 ? CONLLU_COLUMNS : line.split('\t').length;
}

/**
 * Reads CoNLL-U word lines into tagged sentences. Multiword-token ranges
 * (`4-5`) and empty nodes (`8.1`) are skipped: tagging works on words.
 */
export function parseConllu(text: string, options: ConlluOptions = {}): TaggedSentence[] {
  assertText(text);
  const tagColumn = options.tagColumn === 'xpos' ? 4 : 3;
  const tagName = tagColumn === 3 ? 'UPOS' : 'XPOS';
  const builder = new SentenceBuilder();
  const starts = new Int32Array(CONLLU_COLUMNS);
  const column = (line: string, index: number) => line.slice(starts[index], (starts[index + 1] ?? line.length + 1) - 1);

  forEachLine(text, (raw, lineNo) => {
    const line = raw.trimEnd();
    if (line === '') return builder.end();
    if (line.startsWith('#')) {
      const id = sentenceIdOf(line);
      if (id !== undefined) builder.setId(id);
      return;
    }
    const found = columnStarts(line, starts);
    if (found !== CONLLU_COLUMNS) {
      throw new ParseError(`expected 10 tab-separated CoNLL-U columns, found ${found}`, lineNo);
    }
    const wordId = column(line, 0);
    if (RANGE_ID.test(wordId) || EMPTY_NODE_ID.test(wordId)) return;
    if (!WORD_ID.test(wordId)) throw new ParseError(`${quoted(wordId)} is not a CoNLL-U word id`, lineNo);
    const form = column(line, 1);
    const tag = column(line, tagColumn);
    if (form === '' || tag === '' || tag === '_') {
      throw new ParseError(`word ${wordId} has no ${tagName} tag`, lineNo);
    }
    builder.add(form, tag, lineNo);
  });
  builder.end();
  const sentences = builder.sentences;
  if (sentences.length === 0) throw new ParseError('no sentences found in the CoNLL-U file', 1);
  return sentences;
}
