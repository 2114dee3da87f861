/** One sentence with a tag per token (POS, NER). */
export interface TaggedSentence {
  /** `# sent_id` of CoNLL-U / UNER files, when the file has one. */
  readonly id?: string;
  readonly tokens: readonly string[];
  readonly tags: readonly string[];
  /** 1-based line of the sentence's first token, for messages. */
  readonly line: number;
}

/** One text with a single label (sentiment). */
export interface LabelledText {
  readonly tokens: readonly string[];
  readonly label: string;
  readonly line: number;
}

export type TaskKind = 'classification' | 'tagging';

/** How a task's loss and metrics read its outputs: a language-model helper (src/data/languageModel.ts) is tagging data with two predictions per token. */
export type LossKind = TaskKind | 'language-model';

export type TaskExample<K extends TaskKind> = K extends 'tagging' ? TaggedSentence : LabelledText;
