import { PAD_ID, type Vocabulary } from './vocabulary';

/**
 * How a token reaches the model (issue #15):
 * - `word`: one id from the training vocabulary (unseen words are <unk>);
 * - `features`: that id plus hashed embeddings of the word's prefix, suffix
 *   (or suffixes) and shape (`Xxxx`, `dd`, `x.x.`), mixed by a maxout layer, as spaCy's
 *   MultiHashEmbed does; the shape keeps the case the word id may drop;
 * - `chars`: that id plus the word's characters, read by a character CNN.
 * Nothing here assumes English: every function works on Unicode code
 * points, in any script.
 */
export type Representation = 'word' | 'features' | 'chars';
export const REPRESENTATIONS: readonly Representation[] = ['word', 'features', 'chars'];

/**
 * Which suffixes `features` hashes (`suffixes`): the last 3 code points, as
 * every model saved before the setting did, or the last 2, 3 and 4. The
 * shorter and longer ones let an unseen word share its ending with known
 * words ("-ed", "-ness"): +0.30 ± 0.11 points on POS trained on the EWT dev
 * file (eval/README.md, 2026-12-03).
 */
export type Suffixes = '3' | '2-4';
export const SUFFIX_CHOICES: readonly Suffixes[] = ['3', '2-4'];
export const DEFAULT_SUFFIXES: Suffixes = '3';

/** Every hashed attribute of `features`, in the order of their ids after the word id: the extra suffixes come last, so a model without them keeps its layout. */
export const HASHED_ATTRIBUTES = ['prefix', 'suffix', 'shape', 'suffix2', 'suffix4'] as const;
export type HashedAttribute = (typeof HASHED_ATTRIBUTES)[number];

/** The attributes a model with these suffixes hashes, in id order. */
export function hashedAttributes(suffixes: Suffixes): readonly HashedAttribute[] {
  return suffixes === '2-4' ? HASHED_ATTRIBUTES : HASHED_ATTRIBUTES.slice(0, 3);
}
/**
 * Rows of the prefix table and of the suffix table (`affixRows`) when a model
 * does not say: what every model saved before the setting existed used.
 * Small on purpose: on a GPU an embedding's update costs about its rows.
 */
export const DEFAULT_AFFIX_ROWS = 2039;
/** Rows of the shape table: a shape has few values. */
export const SHAPE_ROWS = 251;

/**
 * Where each hashed attribute's block of rows starts in the one feature table,
 * and how many rows it has (row 0 of each block is padding). An attribute the
 * model does not hash has no rows.
 */
export interface FeatureTableLayout {
  readonly rows: Readonly<Record<HashedAttribute, number>>;
  readonly offsets: Readonly<Record<HashedAttribute, number>>;
  readonly totalRows: number;
}

export function featureTableLayout(affixRows: number, suffixes: Suffixes = DEFAULT_SUFFIXES): FeatureTableLayout {
  const hashed = hashedAttributes(suffixes);
  const rows = {} as Record<HashedAttribute, number>;
  const offsets = {} as Record<HashedAttribute, number>;
  let at = 0;
  for (const attribute of HASHED_ATTRIBUTES) {
    offsets[attribute] = at;
    rows[attribute] = !hashed.includes(attribute) ? 0 : attribute === 'shape' ? SHAPE_ROWS : affixRows;
    at += rows[attribute];
  }
  return { rows, offsets, totalRows: at };
}
/** Affixes are this many code points long (or the whole word when shorter). */
export const AFFIX_LENGTH = 3;
/** `chars`: code points kept per word (a longer word keeps its first and last halves). */
export const CHARS_PER_WORD = 16;
/** `chars`: rows of the character table (code points are hashed into it); row 0 is padding. */
export const CHAR_ROWS = 1021;

/** Ids per token: the word id, then the representation's extra ids. */
export function idsPerToken(representation: Representation, suffixes: Suffixes = DEFAULT_SUFFIXES): number {
  switch (representation) {
    case 'word':
      return 1;
    case 'features':
      return 1 + hashedAttributes(suffixes).length;
    case 'chars':
      return 1 + CHARS_PER_WORD;
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over the word's Unicode code points (not UTF-16 units), salted so each attribute hashes apart. */
export function hashCodePoints(text: string, salt: number): number {
  let h = (FNV_OFFSET ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0;
  for (const ch of text) {
    let code = ch.codePointAt(0) ?? 0;
    // Up to 3 bytes of the code point, so every plane hashes distinctly.
    for (let b = 0; b < 3; b++) {
      h = Math.imul(h ^ (code & 0xff), FNV_PRIME) >>> 0;
      code >>>= 8;
    }
  }
  return h >>> 0;
}

/** The row of a hashed value in a table of `rows` rows, never the padding row 0. */
export function hashRow(text: string, salt: number, rows: number): number {
  return 1 + (hashCodePoints(text, salt) % (rows - 1));
}

const UPPER = /\p{Lu}|\p{Lt}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
const MARK = /\p{M}/u;

/**
 * The word's shape as spaCy writes it: upper-case letters → X, other letters
 * (lower-case, and letters of scripts without case) → x, digits → d, other
 * characters kept; combining marks are skipped, and a run of the same symbol
 * stops after 4 ("Wellington" → "Xxxxx", "1984" → "dddd").
 */
export function wordShape(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of word.normalize('NFC')) {
    if (MARK.test(ch)) continue;
    const symbol = UPPER.test(ch) ? 'X' : LETTER.test(ch) ? 'x' : DIGIT.test(ch) ? 'd' : ch;
    run = symbol === last ? run + 1 : 1;
    last = symbol;
    if (run <= 4) out += symbol;
  }
  return out;
}

/** The affixes `features` hashes: prefix and suffix (and with `2-4` the last 2 and 4) code points of the lower-cased word (NFC). */
export interface Affixes {
  readonly prefix: string;
  readonly suffix: string;
  readonly suffix2?: string;
  readonly suffix4?: string;
}

/** A word's affixes, as whole characters in any script; the word is lower-cased and split once for all of them. */
export function affixes(word: string, suffixes: Suffixes = DEFAULT_SUFFIXES): Affixes {
  const chars = Array.from(word.normalize('NFC').toLowerCase());
  const last = (n: number) => chars.slice(-n).join('');
  const main = { prefix: chars.slice(0, AFFIX_LENGTH).join(''), suffix: last(AFFIX_LENGTH) };
  return suffixes === '2-4' ? { ...main, suffix2: last(2), suffix4: last(4) } : main;
}

/** Character ids of a word for the char CNN: hashed code points (case kept), 0 past the word's end. */
export function charIds(word: string, out: Int32Array, offset: number): void {
  const chars = Array.from(word.normalize('NFC'));
  const kept =
    chars.length <= CHARS_PER_WORD
      ? chars
      : [...chars.slice(0, CHARS_PER_WORD / 2), ...chars.slice(-CHARS_PER_WORD / 2)];
  for (let i = 0; i < CHARS_PER_WORD; i++) {
    const ch = kept[i];
    out[offset + i] = ch === undefined ? PAD_ID : 1 + ((ch.codePointAt(0) ?? 0) % (CHAR_ROWS - 1));
  }
}

/**
 * Turns tokens into the ids a model of this representation reads: for n
 * tokens, n × idsPerToken ids, token by token, the word id first.
 */
export class TokenEncoder {
  readonly idsPerToken: number;
  private readonly layout: FeatureTableLayout;

  constructor(
    readonly representation: Representation,
    readonly vocabulary: Vocabulary,
    affixRows: number,
    readonly suffixes: Suffixes = DEFAULT_SUFFIXES,
  ) {
    this.idsPerToken = idsPerToken(representation, suffixes);
    this.layout = featureTableLayout(affixRows, suffixes);
  }

  encode(tokens: readonly string[]): Int32Array {
    const k = this.idsPerToken;
    const { rows, offsets } = this.layout;
    const out = new Int32Array(tokens.length * k);
    tokens.forEach((token, i) => {
      const at = i * k;
      out[at] = this.vocabulary.id(token);
      if (this.representation === 'features') {
        const { prefix, suffix, suffix2, suffix4 } = affixes(token, this.suffixes);
        // Each attribute has its own block of rows in one table.
        out[at + 1] = offsets.prefix + hashRow(prefix, 1, rows.prefix);
        out[at + 2] = offsets.suffix + hashRow(suffix, 2, rows.suffix);
        out[at + 3] = offsets.shape + hashRow(wordShape(token), 3, rows.shape);
        if (suffix2 !== undefined && suffix4 !== undefined) {
          out[at + 4] = offsets.suffix2 + hashRow(suffix2, 4, rows.suffix2);
          out[at + 5] = offsets.suffix4 + hashRow(suffix4, 5, rows.suffix4);
        }
      } else if (this.representation === 'chars') {
        charIds(token, out, at + 1);
      }
    });
    return out;
  }
}
