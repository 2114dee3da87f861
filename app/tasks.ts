import type { TaskFiles } from '../src/data/prepare';
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
  { spec: { name: 'sentiment', kind: 'classification', format: 'tsv' }, title: 'Sentiment', colour: '#c2410c', dataset: 'SST-2 style sample' },
  { spec: { name: 'ner', kind: 'tagging', format: 'iob2' }, title: 'NER', colour: '#1d4ed8', dataset: 'UNER style sample (PER, ORG, LOC)' },
  { spec: { name: 'pos', kind: 'tagging', format: 'conllu' }, title: 'POS', colour: '#15803d', dataset: 'UD style sample (17 UPOS tags)' },
];

export const TOTAL_COLOUR = '#334155';

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
