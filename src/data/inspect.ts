import type { TaskSpec } from '../config/experiment';
import { parseTaskFile } from './formats';
import { ParseError } from './parseError';
import type { DataFile } from './prepare';

export interface SplitSummary {
  readonly file: string;
  /** Sentences (tagging) or examples (classification). */
  readonly examples: number;
  readonly tokens: number;
  readonly labels: Readonly<Record<string, number>>;
}

/** Counts what a file holds, without training: for `npm run eval -- --inspect` and the data inspector. */
export function summariseFile(file: DataFile, spec: TaskSpec): SplitSummary {
  let parsed;
  try {
    parsed = parseTaskFile(file.text, spec);
  } catch (err) {
    throw err instanceof ParseError ? err.withFile(file.name) : err;
  }
  const labels: Record<string, number> = {};
  const bump = (l: string) => (labels[l] = (labels[l] ?? 0) + 1);
  let tokens = 0;
  if (parsed.kind === 'tagging') {
    for (const s of parsed.examples) {
      tokens += s.tokens.length;
      s.tags.forEach(bump);
    }
  } else {
    for (const e of parsed.examples) {
      tokens += e.tokens.length;
      bump(e.label);
    }
  }
  const sorted = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { file: file.name, examples: parsed.examples.length, tokens, labels: sorted };
}
