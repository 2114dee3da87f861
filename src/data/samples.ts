import { Random } from './random';

/**
 * Offline sample corpora written by the team: sentences built from templates
 * and a small lexicon, labelled with the real corpora's label sets (UPOS for
 * POS, IOB2 PER/ORG/LOC for NER, 0/1 for sentiment). They let the app and the
 * tests run with no network; they are not a substitute for the real data.
 *
 * So that they behave a little like language (curves that rise over a few
 * hundred steps and level off below 100 %): many names are coined from
 * syllables, so dev and test hold names never seen in training (what
 * affixes, shapes and characters are for); some words are ambiguous
 * (Jordan and Georgia are people or places, "plan" and "work" nouns or
 * verbs, "that" a determiner or a conjunction), decided by context; and a
 * few labels are wrong, as in any annotated corpus.
 */

type Slot = readonly (readonly [token: string, upos: string])[];
interface Word {
  readonly tokens: Slot;
  readonly entity?: 'PER' | 'ORG' | 'LOC';
}

const w = (text: string, upos: string | readonly string[], entity?: Word['entity']): Word => {
  const parts = text.split(' ');
  const tags = typeof upos === 'string' ? parts.map(() => upos) : upos;
  return { tokens: parts.map((t, i) => [t, tags[i] ?? 'X'] as const), ...(entity ? { entity } : {}) };
};

// Jordan, Georgia and Washington are on both lists: only the context tells a person from a place.
const KNOWN_PEOPLE = [
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
const KNOWN_PLACES = [
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
const KNOWN_ORGS = [
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

const SYLLABLES = [
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
const NOUNS = [
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
const PAST_VERBS = ['visited', 'left', 'called', 'joined', 'praised', 'met', 'emailed', 'thanked'].map((v) =>
  w(v, 'VERB'),
);
const OBJ_VERBS = ['signed', 'sent', 'fixed', 'sold', 'found', 'bought', 'read', 'lost'].map((v) => w(v, 'VERB'));
const ADJS = ['new', 'old', 'long', 'small', 'strange', 'careful', 'early', 'final'].map((a) => w(a, 'ADJ'));
const DETS = ['the', 'a', 'this', 'that'].map((d) => w(d, 'DET'));
const TIMES = [
  w('yesterday', 'ADV'),
  w('on Monday', ['ADP', 'PROPN']),
  w('last week', ['ADJ', 'NOUN']),
  w('in May', ['ADP', 'PROPN']),
  w('today', 'NOUN'),
];

type Template = (r: Random) => Word[];
const pick = <T>(r: Random, items: readonly T[]): T => items[r.int(items.length)] as T;
const P = (t: string, upos: string) => w(t, upos);

const TEMPLATES: readonly Template[] = [
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

/** Annotation noise: a few tags are wrong in every split, as in real corpora, so no model reaches 100 %. */
const CONFUSABLE: Readonly<Record<string, string>> = {
  NOUN: 'PROPN',
  PROPN: 'NOUN',
  ADJ: 'NOUN',
  VERB: 'AUX',
  AUX: 'VERB',
  ADP: 'ADV',
  ADV: 'ADJ',
  DET: 'PRON',
  PRON: 'DET',
  SCONJ: 'ADP',
};
const POS_NOISE = 0.03;
const ENTITY_NOISE = 0.06;
const ENTITY_TYPES = ['PER', 'ORG', 'LOC'] as const;

export interface SampleSentence {
  readonly id: string;
  readonly tokens: readonly string[];
  readonly upos: readonly string[];
  readonly ner: readonly string[];
}

export function sampleSentences(count: number, seed: number, prefix: string): SampleSentence[] {
  const r = new Random(seed);
  return Array.from({ length: count }, (_, i) => {
    const words = pick(r, TEMPLATES)(r);
    const tokens: string[] = [];
    const upos: string[] = [];
    const ner: string[] = [];
    for (const word of words) {
      // A mislabelled entity: missed (O) or given another type.
      const noisy = word.entity && r.next() < ENTITY_NOISE;
      const entity = noisy
        ? r.next() < 0.5
          ? undefined
          : pick(
              r,
              ENTITY_TYPES.filter((t) => t !== word.entity),
            )
        : word.entity;
      word.tokens.forEach(([t, u], k) => {
        tokens.push(t);
        upos.push(r.next() < POS_NOISE ? (CONFUSABLE[u] ?? u) : u);
        ner.push(entity ? `${k === 0 ? 'B' : 'I'}-${entity}` : 'O');
      });
    }
    if (tokens[0]) tokens[0] = tokens[0].charAt(0).toUpperCase() + tokens[0].slice(1);
    return { id: `${prefix}-${String(i + 1).padStart(4, '0')}`, tokens, upos, ner };
  });
}

export function toConllu(sentences: readonly SampleSentence[]): string {
  return sentences
    .map((s) =>
      [
        `# sent_id = ${s.id}`,
        `# text = ${s.tokens.join(' ')}`,
        ...s.tokens.map((t, i) => `${i + 1}\t${t}\t_\t${s.upos[i]}\t_\t_\t_\t_\t_\t_`),
      ].join('\n'),
    )
    .join('\n\n')
    .concat('\n');
}

export function toIob2(sentences: readonly SampleSentence[]): string {
  return sentences
    .map((s) =>
      [
        `# sent_id = ${s.id}`,
        `# text = ${s.tokens.join(' ')}`,
        ...s.tokens.map((t, i) => `${i + 1}\t${t}\t${s.ner[i]}\t-\t-`),
      ].join('\n'),
    )
    .join('\n\n')
    .concat('\n');
}

const POSITIVE = [
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
const NEGATIVE = [
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
const RARE_POSITIVE = ['luminous', 'exhilarating', 'tender', 'witty', 'radiant', 'masterful', 'heartfelt', 'dazzling'];
const RARE_NEGATIVE = ['turgid', 'leaden', 'insipid', 'grating', 'bloated', 'mawkish', 'listless', 'hollow'];
const SENTIMENT_NOISE = 0.06;
const SUBJECTS = [
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
const INTENSIFIERS = ['', 'really ', 'very ', 'quite ', 'truly ', 'rather '];

const intensifier = (r: Random) => pick(r, INTENSIFIERS);
/** The label, wrong in a few texts (annotation noise). */
const noisyLabel = (r: Random, positive: boolean): 0 | 1 =>
  (r.next() < SENTIMENT_NOISE ? !positive : positive) ? 1 : 0;

/** Sentiment sentences in SST-2 style (lower-cased, space-tokenised): label 1 positive, 0 negative. */
export function sentimentSamples(count: number, seed: number): { text: string; label: 0 | 1 }[] {
  const r = new Random(seed);
  return Array.from({ length: count }, () => {
    const positive = r.next() < 0.5;
    const negated = r.next() < 0.25;
    const rare = r.next() < 0.2;
    const praise = positive !== negated;
    const adjective = pick(r, praise ? (rare ? RARE_POSITIVE : POSITIVE) : rare ? RARE_NEGATIVE : NEGATIVE);
    const subject = pick(r, SUBJECTS);
    // A contrast: the clause after "but" decides, the one before says the opposite.
    if (!negated && r.next() < 0.2) {
      const first = pick(r, positive ? NEGATIVE : POSITIVE);
      const text = `${pick(r, SUBJECTS)} is ${first} , but ${subject} is ${intensifier(r)}${adjective} .`.replace(
        /\s+/g,
        ' ',
      );
      return { text, label: noisyLabel(r, positive) };
    }
    const intensifierText = intensifier(r);
    const forms = [
      `${subject} is ${negated ? 'not ' : ''}${intensifierText}${adjective} .`,
      `i found ${subject} ${negated ? 'anything but' : intensifierText.trim() || 'so'} ${adjective} .`,
      `${negated ? 'nobody would call' : 'everyone will find'} ${subject} ${adjective} .`,
      `a ${intensifierText}${adjective} ${negated ? 'mess , not a film' : 'piece of work'} .`,
    ];
    const text = pick(r, negated ? forms.slice(0, 3) : forms).replace(/\s+/g, ' ');
    return { text, label: noisyLabel(r, positive) };
  });
}

export function toSentimentTsv(rows: readonly { text: string; label: 0 | 1 }[]): string {
  return ['label\tsentence', ...rows.map((r) => `${r.label}\t${r.text}`)].join('\n').concat('\n');
}

export interface SampleCorpus {
  readonly pos: { train: string; dev: string; test: string };
  readonly ner: { train: string; dev: string; test: string };
  readonly sentiment: { train: string; dev: string; test: string };
}

/** The built-in offline corpora: POS and NER annotate the same sentences (joinable on sent_id). */
export function sampleCorpus(): SampleCorpus {
  const split = (n: number, seed: number, name: string) => sampleSentences(n, seed, `sample-${name}`);
  const train = split(400, 11, 'train');
  const dev = split(100, 12, 'dev');
  const test = split(100, 13, 'test');
  return {
    pos: { train: toConllu(train), dev: toConllu(dev), test: toConllu(test) },
    ner: { train: toIob2(train), dev: toIob2(dev), test: toIob2(test) },
    sentiment: {
      train: toSentimentTsv(sentimentSamples(400, 21)),
      dev: toSentimentTsv(sentimentSamples(100, 22)),
      test: toSentimentTsv(sentimentSamples(100, 23)),
    },
  };
}
