import type { Random } from '../random';
import {
  ADJS,
  DETS,
  KNOWN_ORGS,
  KNOWN_PEOPLE,
  KNOWN_PLACES,
  NOUNS,
  OBJ_VERBS,
  PAST_VERBS,
  pick,
  SYLLABLES,
  TIMES,
  w,
  type Word,
} from './lexicon';

/** Sentence templates for the POS/NER samples: each draws its words from the lexicon, names often coined afresh. */

const coin = (r: Random, parts: number) => {
  const word = Array.from({ length: parts }, () => SYLLABLES[r.int(SYLLABLES.length)]).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
};
/** A name, place or organisation: a known one, or (40 %) one coined from syllables, so most are rare and many unseen. */
const person = (r: Random): Word =>
  r.next() < 0.6
    ? pick(r, KNOWN_PEOPLE)
    : w(r.next() < 0.5 ? coin(r, 2) : `${coin(r, 2)} ${coin(r, 3)}`, 'PROPN', 'PER');
const place = (r: Random): Word =>
  r.next() < 0.6
    ? pick(r, KNOWN_PLACES)
    : w(`${coin(r, 2)}${pick(r, ['ville', 'burg', 'ford', 'stad', 'ton', 'ia'])}`, 'PROPN', 'LOC');
const org = (r: Random): Word =>
  r.next() < 0.6
    ? pick(r, KNOWN_ORGS)
    : w(`${coin(r, 2)} ${pick(r, ['Bank', 'Labs', 'Motors', 'Group', 'Foundation', 'Press'])}`, 'PROPN', 'ORG');
type Template = (r: Random) => Word[];
const P = (t: string, upos: string) => w(t, upos);

export const TEMPLATES: readonly Template[] = [
  (r) => [person(r), pick(r, PAST_VERBS), place(r), pick(r, TIMES), P('.', 'PUNCT')],
  (r) => [
    person(r),
    pick(r, OBJ_VERBS),
    pick(r, DETS),
    pick(r, ADJS),
    pick(r, NOUNS),
    P('for', 'ADP'),
    org(r),
    P('.', 'PUNCT'),
  ],
  (r) => [org(r), P('opened', 'VERB'), P('an', 'DET'), P('office', 'NOUN'), P('in', 'ADP'), place(r), P('.', 'PUNCT')],
  (r) => [P('Did', 'AUX'), person(r), P('really', 'ADV'), P('work', 'VERB'), P('at', 'ADP'), org(r), P('?', 'PUNCT')],
  (r) => [
    P('We', 'PRON'),
    P('will', 'AUX'),
    P('meet', 'VERB'),
    person(r),
    P('and', 'CCONJ'),
    person(r),
    P('in', 'ADP'),
    place(r),
    P('.', 'PUNCT'),
  ],
  (r) => [
    pick(r, DETS),
    pick(r, NOUNS),
    P('from', 'ADP'),
    place(r),
    P('was', 'AUX'),
    P('very', 'ADV'),
    pick(r, ADJS),
    P('.', 'PUNCT'),
  ],
  (r) => [
    P('I', 'PRON'),
    pick(r, OBJ_VERBS),
    P('my', 'PRON'),
    pick(r, NOUNS),
    pick(r, TIMES),
    P(',', 'PUNCT'),
    P('but', 'CCONJ'),
    P('it', 'PRON'),
    P('was', 'AUX'),
    pick(r, ADJS),
    P('.', 'PUNCT'),
  ],
  (r) => [
    P('Please', 'INTJ'),
    P('send', 'VERB'),
    P('the', 'DET'),
    pick(r, NOUNS),
    P('to', 'ADP'),
    person(r),
    P('at', 'ADP'),
    org(r),
    P('!', 'PUNCT'),
  ],
  (r) => [
    P('There', 'PRON'),
    P('are', 'VERB'),
    P(String(2 + r.int(40)), 'NUM'),
    P(pick(r, ['rooms', 'cars', 'parks', 'shops']), 'NOUN'),
    P('near', 'ADP'),
    place(r),
    P('.', 'PUNCT'),
  ],
  (r) => [
    person(r),
    P('said', 'VERB'),
    P('that', 'SCONJ'),
    org(r),
    P('should', 'AUX'),
    P('not', 'PART'),
    P('move', 'VERB'),
    P('to', 'ADP'),
    place(r),
    P('.', 'PUNCT'),
  ],
  // The same words as nouns and as verbs, and "that" as a determiner.
  (r) => [
    P('We', 'PRON'),
    P(pick(r, ['plan', 'want', 'hope']), 'VERB'),
    P('to', 'PART'),
    P(pick(r, ['work', 'visit', 'call']), 'VERB'),
    P('in', 'ADP'),
    place(r),
    P('.', 'PUNCT'),
  ],
  (r) => [
    P('The', 'DET'),
    P(pick(r, ['plan', 'work', 'visit', 'call']), 'NOUN'),
    P('with', 'ADP'),
    person(r),
    P('was', 'AUX'),
    pick(r, ADJS),
    P('.', 'PUNCT'),
  ],
  (r) => [
    P('That', 'DET'),
    pick(r, NOUNS),
    P('belongs', 'VERB'),
    P('to', 'ADP'),
    person(r),
    P('from', 'ADP'),
    place(r),
    P('.', 'PUNCT'),
  ],
];
