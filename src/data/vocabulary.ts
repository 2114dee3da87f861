export const PAD = '<pad>';
export const UNK = '<unk>';
export const PAD_ID = 0;
export const UNK_ID = 1;

export interface VocabularyOptions {
  /** Tokens seen fewer times than this in training data map to <unk>. */
  readonly minCount?: number;
  readonly lowercase?: boolean;
  /** Keep at most this many tokens (most frequent first), besides <pad> and <unk>. */
  readonly maxSize?: number;
}

/** Token ↔ id map built from training data only, shared by all tasks. */
export class Vocabulary {
  private readonly index = new Map<string, number>();

  private constructor(
    readonly tokens: readonly string[],
    readonly lowercase: boolean,
  ) {
    tokens.forEach((t, i) => this.index.set(t, i));
  }

  static build(sentences: Iterable<readonly string[]>, options: VocabularyOptions = {}): Vocabulary {
    const lowercase = options.lowercase ?? true;
    const minCount = options.minCount ?? 1;
    const counts = new Map<string, number>();
    for (const tokens of sentences) {
      for (const raw of tokens) {
        const t = lowercase ? raw.toLowerCase() : raw;
        counts.set(t, (counts.get(t) ?? 0) + 1);
      }
    }
    // Most frequent first, ties alphabetical: the same data gives the same ids.
    const kept = [...counts.entries()]
      .filter(([, c]) => c >= minCount)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, options.maxSize ?? Infinity)
      .map(([t]) => t);
    return new Vocabulary([PAD, UNK, ...kept.filter((t) => t !== PAD && t !== UNK)], lowercase);
  }

  static fromTokens(tokens: readonly string[], lowercase: boolean): Vocabulary {
    return new Vocabulary(tokens, lowercase);
  }

  get size(): number {
    return this.tokens.length;
  }

  id(token: string): number {
    return this.index.get(this.lowercase ? token.toLowerCase() : token) ?? UNK_ID;
  }

  encode(tokens: readonly string[]): Int32Array {
    return Int32Array.from(tokens, (t) => this.id(t));
  }

  /** Share of tokens that are known (not <unk>): the vocabulary's coverage of other text. */
  coverage(sentences: Iterable<readonly string[]>): number {
    let known = 0;
    let total = 0;
    for (const tokens of sentences) {
      for (const t of tokens) {
        total++;
        if (this.id(t) !== UNK_ID) known++;
      }
    }
    return total === 0 ? 1 : known / total;
  }
}
