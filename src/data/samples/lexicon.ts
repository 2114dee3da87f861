import type { Random } from '../random';

/**
 * The sample corpora's lexicon: the words the templates (templates.ts) and
 * the sentiment generator (sentiment.ts) draw from, with their UPOS tags
 * and, for names, their entity type. Data only, plus `w` to write a word and
 * `pick` to draw one.
 */

type Slot = readonly (readonly [token: string, upos: string])[];
export interface Word {
  readonly tokens: Slot;
  readonly entity?: 'PER' | 'ORG' | 'LOC';
}

export const w = (text: string, upos: string | readonly string[], entity?: Word['entity']): Word => {
  const parts = text.split(' ');
  const tags = typeof upos === 'string' ? parts.map(() => upos) : upos;
  return { tokens: parts.map((t, i) => [t, tags[i] ?? 'X'] as const), ...(entity ? { entity } : {}) };
};
export const pick = <T>(r: Random, items: readonly T[]): T => items[r.int(items.length)] as T;

// Jordan, Georgia and Washington are on both lists: only the context tells a person from a place.
export const KNOWN_PEOPLE = [
  'Maria Lopez',
  'Tom',
  'Aisha Khan',
  'Kenji Sato',
  'Olga',
  'Peter Brandt',
  'Nadia',
  'Samuel Okafor',
  'Lena Fischer',
  'Ravi',
  'Jordan',
  'Georgia Brown',
  'Washington',
].map((n) => w(n, 'PROPN', 'PER'));
export const KNOWN_PLACES = [
  'Lisbon',
  'Nairobi',
  'Oslo',
  'Lake Tahoe',
  'New Delhi',
  'Quebec',
  'Marseille',
  'Ohio',
  'Perth',
  'Santiago',
  'Jordan',
  'Georgia',
  'Washington',
].map((n) => w(n, 'PROPN', 'LOC'));
export const KNOWN_ORGS = [
  'Blue Harbor Bank',
  'the City Council',
  'Northwind',
  'Green Valley School',
  'Apex Motors',
  'the Red Cross',
  'Lumen Labs',
  'Riverside Hospital',
].map((n) =>
  w(
    n,
    n.startsWith('the ')
      ? [
          'DET',
          ...n
            .split(' ')
            .slice(1)
            .map(() => 'PROPN'),
        ]
      : 'PROPN',
    'ORG',
  ),
);

export const SYLLABLES = [
  'ka',
  'ren',
  'li',
  'to',
  'mar',
  'vel',
  'sun',
  'dor',
  'bri',
  'an',
  'el',
  'os',
  'ta',
  'mi',
  'ra',
  'no',
  'zu',
  'fen',
  'gal',
  'ix',
  'be',
  'qu',
  'sto',
  'lin',
];
export const NOUNS = [
  'report',
  'meeting',
  'car',
  'letter',
  'plan',
  'garden',
  'house',
  'contract',
  'bike',
  'recipe',
  'ticket',
  'photo',
].map((n) => w(n, 'NOUN'));
export const PAST_VERBS = ['visited', 'left', 'called', 'joined', 'praised', 'met', 'emailed', 'thanked'].map((v) =>
  w(v, 'VERB'),
);
export const OBJ_VERBS = ['signed', 'sent', 'fixed', 'sold', 'found', 'bought', 'read', 'lost'].map((v) =>
  w(v, 'VERB'),
);
export const ADJS = ['new', 'old', 'long', 'small', 'strange', 'careful', 'early', 'final'].map((a) => w(a, 'ADJ'));
export const DETS = ['the', 'a', 'this', 'that'].map((d) => w(d, 'DET'));
export const TIMES = [
  w('yesterday', 'ADV'),
  w('on Monday', ['ADP', 'PROPN']),
  w('last week', ['ADJ', 'NOUN']),
  w('in May', ['ADP', 'PROPN']),
  w('today', 'NOUN'),
];

// Sentiment words.
export const POSITIVE = [
  'wonderful',
  'funny',
  'moving',
  'sharp',
  'charming',
  'beautiful',
  'clever',
  'warm',
  'gripping',
  'delightful',
];
export const NEGATIVE = [
  'dull',
  'clumsy',
  'boring',
  'tedious',
  'flat',
  'messy',
  'predictable',
  'shallow',
  'lifeless',
  'tiresome',
];
// Rare words: each appears in few sentences, so a model must generalise from the frequent ones.
export const RARE_POSITIVE = [
  'luminous',
  'exhilarating',
  'tender',
  'witty',
  'radiant',
  'masterful',
  'heartfelt',
  'dazzling',
];
export const RARE_NEGATIVE = ['turgid', 'leaden', 'insipid', 'grating', 'bloated', 'mawkish', 'listless', 'hollow'];
export const SUBJECTS = [
  'the film',
  'this movie',
  'the acting',
  'the script',
  'the story',
  'the ending',
  'the soundtrack',
  'the cast',
  "the director 's work",
  'the dialogue',
];
export const INTENSIFIERS = ['', 'really ', 'very ', 'quite ', 'truly ', 'rather '];
