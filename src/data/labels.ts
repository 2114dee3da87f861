import { ParseError } from './parseError';
import { tokenLine } from './sentenceBuilder';
import { quoted } from './textInput';
import type { LabelledText, TaggedSentence } from './types';

/** The 17 Universal POS tags of Universal Dependencies. */
export const UPOS_TAGS: readonly string[] = [
  'ADJ',
  'ADP',
  'ADV',
  'AUX',
  'CCONJ',
  'DET',
  'INTJ',
  'NOUN',
  'NUM',
  'PART',
  'PRON',
  'PROPN',
  'PUNCT',
  'SCONJ',
  'SYM',
  'VERB',
  'X',
];

/** Universal NER tags in IOB2: persons, organisations, locations and other named entities. */
export const UNER_TAGS: readonly string[] = [
  'O',
  'B-PER',
  'I-PER',
  'B-ORG',
  'I-ORG',
  'B-LOC',
  'I-LOC',
  'B-OTHER',
  'I-OTHER',
];

/** SST-2 as in GLUE: 0 negative, 1 positive. */
export const SST2_LABELS: readonly string[] = ['0', '1'];

/** Strict IOB2 tag form: O, or B-/I- and a type (IOBES tags such as E-PER and S-PER are not IOB2). */
const IOB2_TAG = /^(O|[BI]-\S+)$/;

/** Longest label list spelled out in a message; longer sets are cut with "…". */
const LISTED_LABELS = 20;

function listOf(labels: readonly string[]): string {
  const shown = labels.slice(0, LISTED_LABELS).join(', ');
  return labels.length > LISTED_LABELS ? `${shown}, …` : shown;
}

function fail(reason: string, line: number, fileName: string | undefined): never {
  const error = new ParseError(reason, line);
  throw fileName === undefined ? error : error.withFile(fileName);
}

/**
 * Throws a ParseError at the first tag or label that is not in `allowed`,
 * naming its line, the token and the allowed set: a POS file with a typo in a
 * tag, or a sentiment file with labels 1-5 where 0/1 were expected.
 */
export function checkLabelSet(
  examples: readonly (TaggedSentence | LabelledText)[],
  allowed: readonly string[],
  fileName?: string,
): void {
  const known = new Set(allowed);
  const expected = `expected one of ${listOf(allowed)}`;
  for (const example of examples) {
    if ('tags' in example) {
      example.tags.forEach((tag, index) => {
        if (known.has(tag)) return;
        const token = quoted(example.tokens[index] ?? '');
        fail(
          `the tag ${quoted(tag)} of ${token} is not in the label set (${expected})`,
          tokenLine(example, index),
          fileName,
        );
      });
    } else if (!known.has(example.label)) {
      fail(`the label ${quoted(example.label)} is not in the label set (${expected})`, example.line, fileName);
    }
  }
}

/**
 * Throws a ParseError at the first tag that is not IOB2 (O, B-TYPE, I-TYPE),
 * such as X-PER, E-LOC or a POS tag in an NER file. Only the tags' form is
 * checked: an I- after O is accepted, as in IOB1 corpora like CoNLL-2003.
 */
export function checkIob2(sentences: readonly TaggedSentence[], fileName?: string): void {
  for (const sentence of sentences) {
    sentence.tags.forEach((tag, index) => {
      if (IOB2_TAG.test(tag)) return;
      fail(`${quoted(tag)} is not an IOB2 tag (O, B-TYPE or I-TYPE)`, tokenLine(sentence, index), fileName);
    });
  }
}
