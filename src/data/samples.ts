import { Random } from './random';

/**
 * Offline sample corpora written by the team: sentences built from templates
 * and a small lexicon, labelled with the real corpora's label sets (UPOS for
 * POS, IOB2 PER/ORG/LOC for NER, 0/1 for sentiment). They let the app and the
 * tests run with no network; they are not a substitute for the real data.
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

const PEOPLE = ['Maria Lopez', 'Tom', 'Aisha Khan', 'Kenji Sato', 'Olga', 'Peter Brandt', 'Nadia', 'Samuel Okafor', 'Lena Fischer', 'Ravi'].map((n) => w(n, 'PROPN', 'PER'));
const PLACES = ['Lisbon', 'Nairobi', 'Oslo', 'Lake Tahoe', 'New Delhi', 'Quebec', 'Marseille', 'Ohio', 'Perth', 'Santiago'].map((n) => w(n, 'PROPN', 'LOC'));
const ORGS = ['Blue Harbor Bank', 'the City Council', 'Northwind', 'Green Valley School', 'Apex Motors', 'the Red Cross', 'Lumen Labs', 'Riverside Hospital'].map((n) =>
  w(n, n.startsWith('the ') ? ['DET', ...n.split(' ').slice(1).map(() => 'PROPN')] : 'PROPN', 'ORG'),
);
const NOUNS = ['report', 'meeting', 'car', 'letter', 'plan', 'garden', 'house', 'contract', 'bike', 'recipe', 'ticket', 'photo'].map((n) => w(n, 'NOUN'));
const PAST_VERBS = ['visited', 'left', 'called', 'joined', 'praised', 'met', 'emailed', 'thanked'].map((v) => w(v, 'VERB'));
const OBJ_VERBS = ['signed', 'sent', 'fixed', 'sold', 'found', 'bought', 'read', 'lost'].map((v) => w(v, 'VERB'));
const ADJS = ['new', 'old', 'long', 'small', 'strange', 'careful', 'early', 'final'].map((a) => w(a, 'ADJ'));
const DETS = ['the', 'a', 'this', 'that'].map((d) => w(d, 'DET'));
const TIMES = [w('yesterday', 'ADV'), w('on Monday', ['ADP', 'PROPN']), w('last week', ['ADJ', 'NOUN']), w('in May', ['ADP', 'PROPN']), w('today', 'NOUN')];

type Template = (r: Random) => Word[];
const pick = <T>(r: Random, items: readonly T[]): T => items[r.int(items.length)] as T;
const P = (t: string, upos: string) => w(t, upos);

const TEMPLATES: readonly Template[] = [
  (r) => [pick(r, PEOPLE), pick(r, PAST_VERBS), pick(r, PLACES), pick(r, TIMES), P('.', 'PUNCT')],
  (r) => [pick(r, PEOPLE), pick(r, OBJ_VERBS), pick(r, DETS), pick(r, ADJS), pick(r, NOUNS), P('for', 'ADP'), pick(r, ORGS), P('.', 'PUNCT')],
  (r) => [pick(r, ORGS), P('opened', 'VERB'), P('an', 'DET'), P('office', 'NOUN'), P('in', 'ADP'), pick(r, PLACES), P('.', 'PUNCT')],
  (r) => [P('Did', 'AUX'), pick(r, PEOPLE), P('really', 'ADV'), P('work', 'VERB'), P('at', 'ADP'), pick(r, ORGS), P('?', 'PUNCT')],
  (r) => [P('We', 'PRON'), P('will', 'AUX'), P('meet', 'VERB'), pick(r, PEOPLE), P('and', 'CCONJ'), pick(r, PEOPLE), P('in', 'ADP'), pick(r, PLACES), P('.', 'PUNCT')],
  (r) => [pick(r, DETS), pick(r, NOUNS), P('from', 'ADP'), pick(r, PLACES), P('was', 'AUX'), P('very', 'ADV'), pick(r, ADJS), P('.', 'PUNCT')],
  (r) => [P('I', 'PRON'), pick(r, OBJ_VERBS), P('my', 'PRON'), pick(r, NOUNS), pick(r, TIMES), P(',', 'PUNCT'), P('but', 'CCONJ'), P('it', 'PRON'), P('was', 'AUX'), pick(r, ADJS), P('.', 'PUNCT')],
  (r) => [P('Please', 'INTJ'), P('send', 'VERB'), P('the', 'DET'), pick(r, NOUNS), P('to', 'ADP'), pick(r, PEOPLE), P('at', 'ADP'), pick(r, ORGS), P('!', 'PUNCT')],
  (r) => [P('There', 'PRON'), P('are', 'VERB'), P(String(2 + r.int(40)), 'NUM'), P(pick(r, ['rooms', 'cars', 'parks', 'shops']), 'NOUN'), P('near', 'ADP'), pick(r, PLACES), P('.', 'PUNCT')],
  (r) => [pick(r, PEOPLE), P('said', 'VERB'), P('that', 'SCONJ'), pick(r, ORGS), P('should', 'AUX'), P('not', 'PART'), P('move', 'VERB'), P('to', 'ADP'), pick(r, PLACES), P('.', 'PUNCT')],
];

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
      word.tokens.forEach(([t, u], k) => {
        tokens.push(t);
        upos.push(u);
        ner.push(word.entity ? `${k === 0 ? 'B' : 'I'}-${word.entity}` : 'O');
      });
    }
    if (tokens[0]) tokens[0] = tokens[0].charAt(0).toUpperCase() + tokens[0].slice(1);
    return { id: `${prefix}-${String(i + 1).padStart(4, '0')}`, tokens, upos, ner };
  });
}

export function toConllu(sentences: readonly SampleSentence[]): string {
  return sentences
    .map((s) => [`# sent_id = ${s.id}`, `# text = ${s.tokens.join(' ')}`, ...s.tokens.map((t, i) => `${i + 1}\t${t}\t_\t${s.upos[i]}\t_\t_\t_\t_\t_\t_`)].join('\n'))
    .join('\n\n')
    .concat('\n');
}

export function toIob2(sentences: readonly SampleSentence[]): string {
  return sentences
    .map((s) => [`# sent_id = ${s.id}`, `# text = ${s.tokens.join(' ')}`, ...s.tokens.map((t, i) => `${i + 1}\t${t}\t${s.ner[i]}\t-\t-`)].join('\n'))
    .join('\n\n')
    .concat('\n');
}

const POSITIVE = ['wonderful', 'funny', 'moving', 'sharp', 'charming', 'beautiful', 'clever', 'warm', 'gripping', 'delightful'];
const NEGATIVE = ['dull', 'clumsy', 'boring', 'tedious', 'flat', 'messy', 'predictable', 'shallow', 'lifeless', 'tiresome'];
const SUBJECTS = ['the film', 'this movie', 'the acting', 'the script', 'the story', 'the ending', 'the soundtrack', 'the cast', 'the director \'s work', 'the dialogue'];
const INTENSIFIERS = ['', 'really ', 'very ', 'quite ', 'truly ', 'rather '];

/** Sentiment sentences in SST-2 style (lower-cased, space-tokenised): label 1 positive, 0 negative. */
export function sentimentSamples(count: number, seed: number): { text: string; label: 0 | 1 }[] {
  const r = new Random(seed);
  return Array.from({ length: count }, () => {
    const positive = r.next() < 0.5;
    const negated = r.next() < 0.25;
    const adjective = pick(r, (positive !== negated) ? POSITIVE : NEGATIVE);
    const subject = pick(r, SUBJECTS);
    const intensifier = pick(r, INTENSIFIERS);
    const forms = [
      `${subject} is ${negated ? 'not ' : ''}${intensifier}${adjective} .`,
      `i found ${subject} ${negated ? 'anything but' : intensifier.trim() || 'so'} ${adjective} .`,
      `${negated ? 'nobody would call' : 'everyone will find'} ${subject} ${adjective} .`,
      `a ${intensifier}${adjective} ${negated ? 'mess , not a film' : 'piece of work'} .`,
    ];
    const text = pick(r, negated ? forms.slice(0, 3) : forms).replace(/\s+/g, ' ');
    return { text, label: positive ? 1 : 0 };
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
