import type { ExperimentForm } from '../src/config/form';
import { EXPERIMENT_FIELDS } from '../src/config/fields';
import { allTasks } from './tasks';

export { DEFAULT_FORM, type ExperimentForm } from '../src/config/form';

/** A language-model helper's weight until the user sets one: Rei (2017) used 0.1, since language modelling is a large loss beside a tagger's. */
export const HELPER_WEIGHT = 0.1;

/** The tasks that are on; a language-model helper only while its source task is on too. */
export function activeTasks(form: ExperimentForm) {
  return allTasks().filter((t) => form.enabled[t.spec.name] && (t.spec.languageModelOf === undefined || form.enabled[t.spec.languageModelOf]));
}

function readLayerOf(form: ExperimentForm, task: string): { readLayer?: number } {
  const read = form.readLayer?.[task];
  return form.sharing === 'hard' && read && read < form.encoderLayers ? { readLayer: read } : {};
}

/** The experiment the worker receives (validated again there). */
export function toExperiment(form: ExperimentForm): Record<string, unknown> {
  const tasks = activeTasks(form);
  return {
    tasks: tasks.map((t) => ({ ...t.spec, ...(form.maxTrain[t.spec.name] ? { maxTrain: form.maxTrain[t.spec.name] } : {}), ...readLayerOf(form, t.spec.name) })),
    weights: Object.fromEntries(tasks.map((t) => [t.spec.name, form.weights[t.spec.name] ?? (t.spec.languageModelOf === undefined ? 1 : HELPER_WEIGHT)])),
    sharing: form.sharing,
    lambda: form.lambda,
    encoder: form.encoder,
    representation: form.representation,
    wordDropout: form.wordDropout,
    trunkDropout: form.trunkDropout,
    embeddingDim: form.embeddingDim,
    hiddenSize: form.hiddenSize,
    encoderLayers: form.encoderLayers,
    // Layer-wise choices belong to hard sharing; one beyond the encoder's depth means "the top" (the depth may have shrunk since).
    sharedLayers: form.sharing === 'hard' && (form.sharedLayers ?? 0) < form.encoderLayers ? form.sharedLayers ?? 0 : 0,
    headLayers: form.headLayers,
    learningRate: form.learningRate,
    batchSize: form.batchSize,
    steps: form.steps,
    patience: form.patience,
    seed: form.seed,
    backend: form.backend,
    headDropout: form.headDropout,
    headDecay: form.headDecay,
    weighting: form.weighting,
    schedule: form.schedule,
    scheduleTemperature: form.scheduleTemperature,
    dwaTemperature: form.dwaTemperature,
    gradnormAlpha: form.gradnormAlpha,
    interactionEvery: form.interactionEvery,
    maxLength: 48,
    emitEvery: 5,
    // Ten validations a run, each on a fixed sample of the dev sets (validationSample): a small share of the run's time.
    evalEvery: Math.max(10, Math.round(form.steps / 10)),
  };
}

export type NumericSetting = 'lambda' | 'embeddingDim' | 'hiddenSize' | 'encoderLayers' | 'headLayers' | 'learningRate' | 'batchSize' | 'steps' | 'patience' | 'seed'
  | 'scheduleTemperature' | 'dwaTemperature' | 'gradnormAlpha' | 'interactionEvery' | 'headDropout' | 'headDecay' | 'wordDropout' | 'trunkDropout';

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
  if (value < 0 || value > 10) return { error: 'Between 0 and 10.' };
  return { value: Math.round(value * 100) / 100 };
}
