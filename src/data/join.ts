import type { TaggedSentence } from './types';

export interface JoinedSentence {
  readonly id: string;
  readonly tokens: readonly string[];
  readonly left: readonly string[];
  readonly right: readonly string[];
}

export interface JoinResult {
  readonly joined: JoinedSentence[];
  /** Ids present in both files whose tokens differ: skipped, not misaligned. */
  readonly mismatched: string[];
  readonly onlyLeft: number;
  readonly onlyRight: number;
}

/**
 * Joins two annotations of the same sentences on `sent_id` (UD POS and
 * Universal NER over EWT). Sentences whose tokens differ are reported and left out.
 */
export function joinOnSentenceId(left: readonly TaggedSentence[], right: readonly TaggedSentence[]): JoinResult {
  const byId = new Map<string, TaggedSentence>();
  for (const s of right) if (s.id !== undefined) byId.set(s.id, s);
  const joined: JoinedSentence[] = [];
  const mismatched: string[] = [];
  let onlyLeft = 0;
  const seen = new Set<string>();
  for (const s of left) {
    const other = s.id === undefined ? undefined : byId.get(s.id);
    if (s.id === undefined || other === undefined) {
      onlyLeft++;
      continue;
    }
    seen.add(s.id);
    const same = s.tokens.length === other.tokens.length && s.tokens.every((t, i) => t === other.tokens[i]);
    if (!same) {
      mismatched.push(s.id);
      continue;
    }
    joined.push({ id: s.id, tokens: s.tokens, left: s.tags, right: other.tags });
  }
  return { joined, mismatched, onlyLeft, onlyRight: [...byId.keys()].filter((id) => !seen.has(id)).length };
}
