import { PAD_ID, type Vocabulary } from './vocabulary';

/**
 * How a token reaches the model (issue #15):
 * - `word`: one id from the training vocabulary (unseen words are <unk>);
 * - `features`: that id plus hashed embeddings of the word's prefix, suffix
 *   and shape (`Xxxx`, `dd`, `x.x.`), mixed by a maxout layer, as spaCy's
 *   MultiHashEmbed does; the shape keeps the case the word id may drop;
 * - `chars`: that id plus the word's characters, read by a character CNN.
 * Nothing here assumes English: every function works on Unicode code
 * points, in any script.
 */
export type Representation = 'word' | 'features' | 'chars';
export const REPRESENTATIONS: readonly Representation[] = ['word', 'features', 'chars'];

/** Hashed attributes of `features`, in the order of their ids after the word id. */
export const HASHED_ATTRIBUTES = ['prefix', 'suffix', 'shape'] as const;
/**
 * Rows of each hashed attribute's block in one feature table (row 0 of each
 * block is padding). Small on purpose: an embedding's gradient on WebGL
 * costs about rows × tokens, and a shape has few values.
 */
export const HASH_ROWS: Readonly<Record<(typeof HASHED_ATTRIBUTES)[number], number>> = {
  prefix: 2039,
  suffix: 2039,
  shape: 251,
};
/** Where each attribute's block starts in the feature table, and the table's rows. */
export const HASH_OFFSETS = {
  prefix: 0,
  suffix: HASH_ROWS.prefix,
  shape: HASH_ROWS.prefix + HASH_ROWS.suffix,
} as const;
export const FEATURE_TABLE_ROWS = HASH_ROWS.prefix + HASH_ROWS.suffix + HASH_ROWS.shape;
/** Affixes are this many code points long (or the whole word when shorter). */
export const AFFIX_LENGTH = 3;
/** `chars`: code points kept per word (a longer word keeps its first and last halves). */
export const CHARS_PER_WORD = 16;
/** `chars`: rows of the character table (code points are hashed into it); row 0 is padding. */
export const CHAR_ROWS = 1021;

/** Ids per token: the word id, then the representation's extra ids. */
export function idsPerToken(representation: Representation): number {
  switch (representation) {
    case 'word':
      return 1;
    case 'features':
      return 1 + HASHED_ATTRIBUTES.length;
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

/** The first and last `n` code points of the lower-cased word (NFC), as whole characters in any script. */
export function affixes(word: string, n = AFFIX_LENGTH): { prefix: string; suffix: string } {
  const chars = Array.from(word.normalize('NFC').toLowerCase());
  return { prefix: chars.slice(0, n).join(''), suffix: chars.slice(-n).join('') };
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

  constructor(
    readonly representation: Representation,
    readonly vocabulary: Vocabulary,
  ) {
    this.idsPerToken = idsPerToken(representation);
  }

  encode(tokens: readonly string[]): Int32Array {
    const k = this.idsPerToken;
    const out = new Int32Array(tokens.length * k);
    tokens.forEach((token, i) => {
      const at = i * k;
      out[at] = this.vocabulary.id(token);
      if (this.representation === 'features') {
        const { prefix, suffix } = affixes(token);
        // Each attribute has its own block of HASH_ROWS rows in one table.
        out[at + 1] = HASH_OFFSETS.prefix + hashRow(prefix, 1, HASH_ROWS.prefix);
        out[at + 2] = HASH_OFFSETS.suffix + hashRow(suffix, 2, HASH_ROWS.suffix);
        out[at + 3] = HASH_OFFSETS.shape + hashRow(wordShape(token), 3, HASH_ROWS.shape);
      } else if (this.representation === 'chars') {
        charIds(token, out, at + 1);
      }
    });
    return out;
  }
}
