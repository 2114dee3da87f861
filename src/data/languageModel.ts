import type { LabelledText, TaggedSentence } from './types';

/**
 * The language-model helper task (after Rei 2017): from the shared encoder,
 * predict each word's next and previous word, on another task's own
 * sentences, so it needs no labels. Its output vocabulary is the most
 * frequent training words; every other word is one class, OTHER_WORD.
 *
 * Here its examples are tagging examples whose tag is the token's own word
 * (as an output class); the loss shifts those tags by one token either way
 * in the graph (src/train/loss.ts), so padding and the sentence's ends are
 * masked by the same mask as the tokens.
 */
export const OTHER_WORD = '<other>';
/** Output classes besides OTHER_WORD: enough for most running words, small enough for a software GPU (two softmaxes per token). */
export const LANGUAGE_MODEL_WORDS = 1000;
/** The suffix of a helper task's name: `ner-lm` models the sentences of `ner`. */
export const LANGUAGE_MODEL_SUFFIX = '-lm';

export const languageModelTaskName = (source: string): string => `${source}${LANGUAGE_MODEL_SUFFIX}`;

function normalise(token: string, lowercase: boolean): string {
  return lowercase ? token.toLowerCase() : token;
}

/** OTHER_WORD, then the `size` most frequent words of the training sentences (ties alphabetical, so the same data gives the same classes). */
export function languageModelLabels(
  sentences: Iterable<readonly string[]>,
  lowercase: boolean,
  size = LANGUAGE_MODEL_WORDS,
): string[] {
  const counts = new Map<string, number>();
  for (const tokens of sentences) {
    for (const raw of tokens) {
      const t = normalise(raw, lowercase);
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }
  const words = [...counts.entries()]
    .filter(([t]) => t !== OTHER_WORD)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, size)
    .map(([t]) => t);
  return [OTHER_WORD, ...words];
}

/** A sentence (or text) of the source task as the helper's example: each token tagged with its own word, or OTHER_WORD. */
export function languageModelExample(
  example: TaggedSentence | LabelledText,
  known: ReadonlySet<string>,
  lowercase: boolean,
): TaggedSentence {
  const tags = example.tokens.map((raw) => {
    const t = normalise(raw, lowercase);
    return known.has(t) ? t : OTHER_WORD;
  });
  return { tokens: example.tokens, tags, line: example.line };
}
