import type { TaskFiles } from '../src/data/prepare';
import { summariseFile } from '../src/data/inspect';
import { sampleCorpus } from '../src/data/samples';
import type { TaskSpec } from '../src/config/experiment';

export interface BuiltInTask {
  readonly spec: TaskSpec;
  readonly title: string;
  readonly colour: string;
  readonly dataset: string;
}

/** The built-in tasks, each with a fixed colour used wherever the task appears. */
export const BUILT_IN_TASKS: readonly BuiltInTask[] = [
  { spec: { name: 'sentiment', kind: 'classification', format: 'tsv' }, title: 'Sentiment', colour: '#c2410c', dataset: 'SST-2 style sample (0 negative, 1 positive)' },
  { spec: { name: 'ner', kind: 'tagging', format: 'iob2' }, title: 'NER', colour: '#1d4ed8', dataset: 'UNER style sample (PER, ORG, LOC)' },
  { spec: { name: 'pos', kind: 'tagging', format: 'conllu' }, title: 'POS', colour: '#15803d', dataset: 'UD style sample (UPOS tags)' },
];

export const TOTAL_COLOUR = '#334155';

/** The built-in task of that name (user tasks will get their own entries). */
export function taskInfo(name: string): BuiltInTask {
  return BUILT_IN_TASKS.find((t) => t.spec.name === name) ?? { spec: { name, kind: 'tagging', format: 'conllu' }, title: name, colour: '#6b21a8', dataset: '' };
}

/** The offline samples that ship with the app (written by the team; see src/data/samples.ts). */
export function sampleFiles(): Record<string, TaskFiles> {
  const corpus = sampleCorpus();
  const files = (name: string, s: { train: string; dev: string; test: string }): TaskFiles => ({
    train: { name: `${name} sample (train)`, text: s.train },
    dev: { name: `${name} sample (dev)`, text: s.dev },
    test: { name: `${name} sample (test)`, text: s.test },
  });
  return { sentiment: files('sentiment', corpus.sentiment), ner: files('ner', corpus.ner), pos: files('pos', corpus.pos) };
}

export interface TaskDataSummary {
  readonly train: number;
  readonly dev: number;
  readonly test: number;
  readonly labels: readonly string[];
}

let summaries: Record<string, TaskDataSummary> | null = null;

/** Sizes and label sets of the built-in data, shown beside each task. */
export function builtInSummaries(): Record<string, TaskDataSummary> {
  if (summaries) return summaries;
  const files = sampleFiles();
  summaries = Object.fromEntries(
    BUILT_IN_TASKS.map((t) => {
      const f = files[t.spec.name] as TaskFiles;
      const train = summariseFile(f.train, t.spec);
      const count = (file: TaskFiles['dev']) => (file ? summariseFile(file, t.spec).examples : 0);
      return [t.spec.name, { train: train.examples, dev: count(f.dev), test: count(f.test), labels: Object.keys(train.labels) }];
    }),
  );
  return summaries;
}
