import type { ExperimentSettings } from './experiment';
import { languageModelTaskName } from '../data/languageModel';
import { DEFAULT_AFFIX_ROWS, DEFAULT_SUFFIXES } from '../data/tokenFeatures';
import { BUILT_IN_TASK_NAMES } from './builtInTasks';
import { EXPERIMENT_FIELDS, FORM_SETTING_KEYS, PAGE_DEFAULTS, type FormSettingKey } from './fields';

/** What the controls hold; the URL carries exactly this. */
export type ExperimentForm = Pick<ExperimentSettings, FormSettingKey> & {
  readonly enabled: Readonly<Record<string, boolean>>;
  readonly weights: Readonly<Record<string, number>>;
  /** Per-task cap on training examples; null = all. */
  readonly maxTrain: Readonly<Record<string, number | null>>;
  /** Hard sharing: the 1-based encoder layer each task's head reads; null = the top layer. */
  readonly readLayer: Readonly<Record<string, number | null>>;
  /** NER and POS train on the EWT sentences both annotate (joined on sent_id), when both are on. */
  readonly sameSentences: boolean;
};

/**
 * A form saved before a setting existed (a run in IndexedDB, an exported run
 * file) gets the value that reproduces what it ran: forms from before token
 * representations read word ids without dropout, and forms from before the
 * affix settings were on the page hashed 2,039 rows and the 3-letter suffix.
 */
export function upgradeSavedForm(form: ExperimentForm): ExperimentForm {
  const saved = form as Partial<ExperimentForm>;
  return {
    ...form,
    representation: saved.representation ?? 'word',
    wordDropout: saved.wordDropout ?? 0,
    trunkDropout: saved.trunkDropout ?? 0,
    affixRows: saved.affixRows ?? DEFAULT_AFFIX_ROWS,
    suffixes: saved.suffixes ?? DEFAULT_SUFFIXES,
  };
}

const byTask = <T>(value: T): Record<string, T> => Object.fromEntries(BUILT_IN_TASK_NAMES.map((t) => [t, value]));

/** Each form setting's starting value: the page's override where it has one, else the field table's default. */
function pageSettings(): Pick<ExperimentSettings, FormSettingKey> {
  const overrides: Partial<Record<FormSettingKey, unknown>> = PAGE_DEFAULTS;
  return Object.fromEntries(
    FORM_SETTING_KEYS.map((key) => [key, overrides[key] ?? EXPERIMENT_FIELDS[key].default]),
  ) as Pick<ExperimentSettings, FormSettingKey>;
}

/**
 * The field table's model (src/config/fields.ts), which `npm run eval`
 * measured on the real corpora (eval/README.md), with the page's overrides
 * (PAGE_DEFAULTS): all three tasks for 1,500 steps.
 */
export const DEFAULT_FORM: ExperimentForm = {
  ...pageSettings(),
  // Each built-in task's language-model helper is off (src/data/languageModel.ts).
  enabled: {
    ...byTask(true),
    ...Object.fromEntries(BUILT_IN_TASK_NAMES.map((t) => [languageModelTaskName(t), false])),
  },
  weights: byTask(1),
  maxTrain: byTask(null),
  readLayer: byTask(null),
  sameSentences: false,
};
