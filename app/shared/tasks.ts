import { BUILT_IN_TASK_SPECS } from '../../src/config/builtInTasks';
import type { TaskSpec } from '../../src/config/experiment';
import { sampleTaskFiles } from '../../src/data/corpusLoader';
import { languageModelTaskName } from '../../src/data/languageModel';
import type { TaskFiles } from '../../src/data/prepare';

export interface TaskInfo {
  readonly spec: TaskSpec;
  readonly title: string;
  readonly colour: string;
  /** True for a task made from a file the user dropped in. */
  readonly fromFile?: boolean;
}

/** The built-in tasks, each with a fixed colour used wherever the task appears. */
export const BUILT_IN_TASKS: readonly TaskInfo[] = [
  { spec: BUILT_IN_TASK_SPECS.sentiment, title: 'Sentiment', colour: '#c2410c' },
  { spec: BUILT_IN_TASK_SPECS.ner, title: 'NER', colour: '#1d4ed8' },
  { spec: BUILT_IN_TASK_SPECS.pos, title: 'POS', colour: '#15803d' },
];

export const TOTAL_COLOUR = '#334155';

/** Colours for tasks from the user's files, in turn; all readable on white. */
const USER_COLOURS = ['#6b21a8', '#0f766e', '#be185d', '#854d0e', '#4338ca'];

let userTasks: TaskInfo[] = [];

/**
 * Tasks from the user's files join the built-in ones for this visit: every
 * view (charts, results, Try it) looks tasks up by name here.
 */
export function registerUserTask(spec: TaskSpec): TaskInfo {
  const info: TaskInfo = {
    spec,
    title: spec.name,
    colour: USER_COLOURS[userTasks.length % USER_COLOURS.length] as string,
    fromFile: true,
  };
  userTasks = [...userTasks.filter((t) => t.spec.name !== spec.name), info];
  return info;
}

/** A labelled task's language-model helper (src/data/languageModel.ts): a darker shade of its source's colour (a lighter one fails text contrast on white). */
function helperOf(source: TaskInfo): TaskInfo {
  const name = source.spec.name;
  return {
    spec: { name: languageModelTaskName(name), kind: 'tagging', format: source.spec.format, languageModelOf: name },
    title: `${source.title} LM`,
    colour: darker(source.colour, 0.3),
    ...(source.fromFile ? { fromFile: true } : {}),
  };
}

function darker(hex: string, share: number): string {
  const channel = (i: number) => Math.round(parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) * (1 - share));
  return `#${[0, 1, 2].map((i) => channel(i).toString(16).padStart(2, '0')).join('')}`;
}

/** Every labelled task (built in, then the user's), then each one's language-model helper. */
export function allTasks(): readonly TaskInfo[] {
  const labelled = [...BUILT_IN_TASKS, ...userTasks];
  return [...labelled, ...labelled.map(helperOf)];
}

/** The task whose data a task reads: a helper reads its source's sentences. */
export const dataTaskOf = (spec: TaskSpec): string => spec.languageModelOf ?? spec.name;

export function taskInfo(name: string): TaskInfo {
  return (
    allTasks().find((t) => t.spec.name === name) ?? {
      spec: { name, kind: 'tagging', format: 'conllu' },
      title: name,
      colour: '#6b21a8',
    }
  );
}

/** The offline samples that ship with the app (written by the team; see src/data/samples.ts). */
export function sampleFiles(): Record<string, TaskFiles> {
  return sampleTaskFiles();
}
