import type { TaggedSentence } from './types';

/** Collects token/tag lines of a sentence-per-block file; `end()` closes the current sentence. */
export class SentenceBuilder {
  readonly sentences: TaggedSentence[] = [];
  private tokens: string[] = [];
  private tags: string[] = [];
  private id: string | undefined;
  private firstLine = 0;

  get empty(): boolean {
    return this.tokens.length === 0;
  }

  setId(id: string): void {
    this.id = id;
  }

  add(token: string, tag: string, line: number): void {
    if (this.tokens.length === 0) this.firstLine = line;
    this.tokens.push(token);
    this.tags.push(tag);
  }

  end(): void {
    if (this.tokens.length > 0) {
      this.sentences.push({ ...(this.id === undefined ? {} : { id: this.id }), tokens: this.tokens, tags: this.tags, line: this.firstLine });
    }
    this.tokens = [];
    this.tags = [];
    this.id = undefined;
  }
}

/** `# sent_id = X` → X. */
export function sentenceIdOf(commentLine: string): string | undefined {
  return /^#\s*sent_id\s*=\s*(.+)$/.exec(commentLine)?.[1]?.trim();
}
