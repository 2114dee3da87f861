import type { ExperimentConfig } from '../../src/config/experiment';
import type { ExperimentForm } from '../../src/config/form';
import {
  EXPERIMENT_FIELDS,
  FORM_SETTING_KEYS,
  PAGE_FIXED,
  pageEvalEvery,
  TASK_WEIGHT,
  type NumericSetting,
} from '../../src/config/fields';
import { validateExperiment } from '../../src/config/validate';
import { allTasks } from '../shared/tasks';

export { DEFAULT_FORM, type ExperimentForm } from '../../src/config/form';
export type { NumericSetting } from '../../src/config/fields';

/** A language-model helper's weight until the user sets one: Rei (2017) used 0.1, since language modelling is a large loss beside a tagger's. */
export const HELPER_WEIGHT = 0.1;

/** The tasks that are on; a language-model helper only while its source task is on too. */
export function activeTasks(form: ExperimentForm) {
  return allTasks().filter(
    (t) => form.enabled[t.spec.name] && (t.spec.languageModelOf === undefined || form.enabled[t.spec.languageModelOf]),
  );
}

function readLayerOf(form: ExperimentForm, task: string): { readLayer?: number } {
  const read = form.readLayer?.[task];
  return form.sharing === 'hard' && read && read < form.encoderLayers ? { readLayer: read } : {};
}

/**
 * The experiment a form asks for, checked at this edge (validateExperiment
 * throws a ConfigError that says what is wrong): the form's settings, the
 * page's fixed choices, and the field table's defaults for the rest.
 */
export function toExperiment(form: ExperimentForm): ExperimentConfig {
  const tasks = activeTasks(form);
  return validateExperiment({
    ...PAGE_FIXED,
    ...Object.fromEntries(FORM_SETTING_KEYS.map((key) => [key, form[key]])),
    tasks: tasks.map((t) => ({
      ...t.spec,
      ...(form.maxTrain[t.spec.name] ? { maxTrain: form.maxTrain[t.spec.name] } : {}),
      ...readLayerOf(form, t.spec.name),
    })),
    weights: Object.fromEntries(
      tasks.map((t) => [
        t.spec.name,
        form.weights[t.spec.name] ?? (t.spec.languageModelOf === undefined ? 1 : HELPER_WEIGHT),
      ]),
    ),
    // Layer-wise choices belong to hard sharing; one beyond the encoder's depth means "the top" (the depth may have shrunk since).
    sharedLayers:
      form.sharing === 'hard' && (form.sharedLayers ?? 0) < form.encoderLayers ? (form.sharedLayers ?? 0) : 0,
    evalEvery: pageEvalEvery(form.steps),
  });
}

/**
 * Checks what a user typed against the setting's row in the field table:
 * a number in range (and whole where it must be), or the reason it is not.
 */
export function parseSetting(key: NumericSetting, text: string): { value: number } | { error: string } {
  const field = EXPERIMENT_FIELDS[key];
  const trimmed = text.trim();
  const value = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isFinite(value)) return { error: 'Enter a number.' };
  if (field.integer && !Number.isInteger(value)) return { error: 'Enter a whole number.' };
  if (value < field.min || value > field.max) return { error: `Between ${field.min} and ${field.max}.` };
  return { value };
}

/** Weight w_i: 0 to 10 in steps of 0.01. */
export function parseWeight(text: string): { value: number } | { error: string } {
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) return { error: 'Enter a number.' };
  if (value < TASK_WEIGHT.min || value > TASK_WEIGHT.max)
    return { error: `Between ${TASK_WEIGHT.min} and ${TASK_WEIGHT.max}.` };
  return { value: Math.round(value * 100) / 100 };
}
