import type { ParsedExamples } from './formats';

/** The parsed files of one task; dev and test are optional. */
export interface TaskSplits {
  readonly train: ParsedExamples;
  readonly dev?: ParsedExamples;
  readonly test?: ParsedExamples;
}

export interface InspectOptions {
  /** Compare tokens lower-cased for dev coverage, as the vocabulary does by default (default true). */
  readonly lowercase?: boolean;
  /** How many training examples to show (default 3). */
  readonly exampleCount?: number;
}

export interface SplitSize {
  /** Sentences (tagging) or texts (classification); 0 for a missing split. */
  readonly examples: number;
  readonly tokens: number;
}

export interface LabelShare {
  readonly label: string;
  /** Tokens with this tag (tagging) or texts with this label (classification), in train. */
  readonly count: number;
  /** count / all counted, in [0, 1]. */
  readonly share: number;
}

export interface LengthBin {
  readonly from: number;
  /** Inclusive upper edge; null for the last, open bin. */
  readonly to: number | null;
  /** For display: "1–5", ">80". */
  readonly label: string;
  readonly count: number;
}

export interface ExamplePreview {
  readonly tokens: readonly string[];
  /** Tags per token (tagging) or the text's label (classification). */
  readonly labels: readonly string[] | string;
}

export interface DevCoverage {
  /** Share of dev tokens (running words) whose type occurs in train. */
  readonly tokenShare: number;
  /** Share of distinct dev types that occur in train. */
  readonly typeShare: number;
}

export interface TaskInspection {
  readonly sizes: Readonly<Record<'train' | 'dev' | 'test', SplitSize>>;
  /** Train label distribution, most frequent first (ties alphabetical). */
  readonly labels: readonly LabelShare[];
  /** Train lengths in tokens. */
  readonly lengthHistogram: readonly LengthBin[];
  readonly examples: readonly ExamplePreview[];
  /** Null when the task has no dev file. */
  readonly devCoverage: DevCoverage | null;
}

/** Lower edges of the length bins: 1–5, 6–10, 11–15, 16–20, 21–30, 31–40, 41–50, 51–60, 61–80, >80. */
const BIN_STARTS = [1, 6, 11, 16, 21, 31, 41, 51, 61, 81];

/** Token lists of the examples, whatever the task kind. */
function tokenLists(parsed: ParsedExamples): (readonly string[])[] {
  return parsed.examples.map((e) => e.tokens);
}

function sizeOf(parsed: ParsedExamples | undefined): SplitSize {
  if (parsed === undefined) return { examples: 0, tokens: 0 };
  return { examples: parsed.examples.length, tokens: tokenLists(parsed).reduce((n, t) => n + t.length, 0) };
}

function labelShares(parsed: ParsedExamples): LabelShare[] {
  const counts = new Map<string, number>();
  const bump = (label: string) => counts.set(label, (counts.get(label) ?? 0) + 1);
  if (parsed.kind === 'tagging') for (const s of parsed.examples) s.tags.forEach(bump);
  else for (const e of parsed.examples) bump(e.label);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([label, count]) => ({ label, count, share: total === 0 ? 0 : count / total }));
}

function lengthHistogram(parsed: ParsedExamples): LengthBin[] {
  const bins = BIN_STARTS.map((from, i) => {
    const next = BIN_STARTS[i + 1];
    const to = next === undefined ? null : next - 1;
    return { from, to, label: to === null ? `>${from - 1}` : `${from}–${to}`, count: 0 };
  });
  for (const tokens of tokenLists(parsed)) {
    // The last bin whose lower edge the length reaches; lengths below 1 go to the first.
    let bin = 0;
    while (bin + 1 < BIN_STARTS.length && tokens.length >= (BIN_STARTS[bin + 1] ?? Infinity)) bin++;
    const target = bins[bin];
    if (target) target.count++;
  }
  return bins;
}

function previews(parsed: ParsedExamples, count: number): ExamplePreview[] {
  if (parsed.kind === 'tagging')
    return parsed.examples.slice(0, count).map((s) => ({ tokens: s.tokens, labels: s.tags }));
  return parsed.examples.slice(0, count).map((e) => ({ tokens: e.tokens, labels: e.label }));
}

function coverage(train: ParsedExamples, dev: ParsedExamples, lowercase: boolean): DevCoverage {
  const norm = (t: string) => (lowercase ? t.toLowerCase() : t);
  const known = new Set<string>();
  for (const tokens of tokenLists(train)) for (const t of tokens) known.add(norm(t));
  let devTokens = 0;
  let coveredTokens = 0;
  const devTypes = new Set<string>();
  for (const tokens of tokenLists(dev)) {
    for (const t of tokens) {
      const type = norm(t);
      devTokens++;
      if (known.has(type)) coveredTokens++;
      devTypes.add(type);
    }
  }
  let coveredTypes = 0;
  for (const type of devTypes) if (known.has(type)) coveredTypes++;
  return {
    tokenShare: devTokens === 0 ? 0 : coveredTokens / devTokens,
    typeShare: devTypes.size === 0 ? 0 : coveredTypes / devTypes.size,
  };
}

/**
 * What the data inspector shows for one task before training: split sizes,
 * the train label distribution and length histogram, a few train examples,
 * and how much of the dev vocabulary train covers.
 */
export function inspectTask(splits: TaskSplits, options: InspectOptions = {}): TaskInspection {
  const lowercase = options.lowercase ?? true;
  return {
    sizes: { train: sizeOf(splits.train), dev: sizeOf(splits.dev), test: sizeOf(splits.test) },
    labels: labelShares(splits.train),
    lengthHistogram: lengthHistogram(splits.train),
    examples: previews(splits.train, options.exampleCount ?? 3),
    devCoverage: splits.dev ? coverage(splits.train, splits.dev, lowercase) : null,
  };
}
