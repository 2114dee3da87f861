import { languageModelTaskName } from '../data/languageModel';
import type { TaskSpec } from './experiment';

/** The tasks that ship with the playground, in display order: the one list the form, the link, the corpora and the page read. */
export const BUILT_IN_TASK_NAMES = ['sentiment', 'ner', 'pos'] as const;
export type BuiltInTaskName = (typeof BUILT_IN_TASK_NAMES)[number];

/** What each built-in task is and how its files are read. */
export const BUILT_IN_TASK_SPECS: Readonly<Record<BuiltInTaskName, TaskSpec>> = {
  sentiment: { name: 'sentiment', kind: 'classification', format: 'tsv' },
  ner: { name: 'ner', kind: 'tagging', format: 'iob2' },
  pos: { name: 'pos', kind: 'tagging', format: 'conllu' },
};

/** Tasks a link can name: the built-in ones, then each one's language-model helper (`ner-lm`). */
export const LINK_TASK_NAMES: readonly string[] = [
  ...BUILT_IN_TASK_NAMES,
  ...BUILT_IN_TASK_NAMES.map(languageModelTaskName),
];

/** The built-in task whose sentences a built-in helper models (`ner-lm` → `ner`); null for any other name. */
export function builtInHelperSource(task: string): BuiltInTaskName | null {
  return BUILT_IN_TASK_NAMES.find((name) => languageModelTaskName(name) === task) ?? null;
}
