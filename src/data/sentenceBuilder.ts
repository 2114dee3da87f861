import { StringPool } from './stringPool';
import type { TaggedSentence } from './types';

/**
 * The file line of every token of a sentence whose token lines are not
 * consecutive (CoNLL-U range lines, empty nodes, comments inside it), kept
 * beside the sentences rather than in them: TaggedSentence stays unchanged,
 * yet label checks can name the exact line of a bad tag. Most sentences need
 * no entry: their token i sits on line `sentence.line + i`.
 */
const TOKEN_LINES = new WeakMap<TaggedSentence, Int32Array>();

/** The 1-based file line of token `index` of a parsed sentence (an estimate for sentences not built here). */
export function tokenLine(sentence: TaggedSentence, index: number): number {
  return TOKEN_LINES.get(sentence)?.[index] ?? sentence.line + index;
}

/** Collects token/tag lines of a sentence-per-block file; `end()` closes the current sentence. */
export class SentenceBuilder {
  readonly sentences: TaggedSentence[] = [];
  private tokens: string[] = [];
  private tags: string[] = [];
  private firstLine = 0;
  /** Lines of the tokens, filled only once a gap shows that they are not consecutive. */
  private gappedLines: number[] | undefined;
  private id: string | undefined;
  private readonly pool = new StringPool();

  get empty(): boolean {
    return this.tokens.length === 0;
  }

  setId(id: string): void {
    this.id = id;
  }

  add(token: string, tag: string, line: number): void {
    const count = this.tokens.length;
    if (count === 0) this.firstLine = line;
    else if (this.gappedLines === undefined && line !== this.firstLine + count) {
      this.gappedLines = Array.from({ length: count }, (_, i) => this.firstLine + i);
    }
    this.gappedLines?.push(line);
    this.tokens.push(this.pool.intern(token));
    this.tags.push(this.pool.intern(tag));
  }

  end(): void {
    if (this.tokens.length > 0) {
      const { id, tokens, tags, firstLine: line } = this;
      // Two literals rather than a spread: object spread is slow when called per sentence on big files.
      const sentence: TaggedSentence = id === undefined ? { tokens, tags, line } : { id, tokens, tags, line };
      if (this.gappedLines) TOKEN_LINES.set(sentence, new Int32Array(this.gappedLines));
      this.sentences.push(sentence);
    }
    this.tokens = [];
    this.tags = [];
    this.gappedLines = undefined;
    this.id = undefined;
  }
}

/** `# sent_id = X` → X. */
export function sentenceIdOf(commentLine: string): string | undefined {
  return /^#\s*sent_id\s*=\s*(.+)$/.exec(commentLine)?.[1]?.trim();
}
