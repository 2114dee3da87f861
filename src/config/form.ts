import type { ExperimentSettings } from './experiment';
import { languageModelTaskName } from '../data/languageModel';
import { EXPERIMENT_FIELDS } from './fields';

/** The tasks that ship with the playground, in display order. */
export const BUILT_IN_TASK_NAMES = ['sentiment', 'ner', 'pos'] as const;

/** The settings a user sets on the page (and in a link); the rest keep their defaults. */
export type FormSettingKey =
  | 'sharing' | 'lambda' | 'encoder' | 'embeddingDim' | 'hiddenSize' | 'encoderLayers' | 'sharedLayers' | 'headLayers'
  | 'learningRate' | 'batchSize' | 'steps' | 'patience' | 'seed' | 'backend'
  | 'representation' | 'wordDropout' | 'trunkDropout'
  | 'headDropout' | 'headDecay' | 'weighting' | 'schedule' | 'scheduleTemperature' | 'dwaTemperature' | 'gradnormAlpha' | 'interactionEvery';

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
 * representations read word ids without dropout.
 */
export function upgradeSavedForm(form: ExperimentForm): ExperimentForm {
  const saved = form as Partial<ExperimentForm>;
  return {
    ...form,
    representation: saved.representation ?? 'word',
    wordDropout: saved.wordDropout ?? 0,
    trunkDropout: saved.trunkDropout ?? 0,
  };
}

const byTask = <T,>(value: T): Record<string, T> => Object.fromEntries(BUILT_IN_TASK_NAMES.map((t) => [t, value]));

/**
 * The field table's model (src/config/fields.ts), which `npm run eval`
 * measured on the real corpora (eval/README.md); the page trains all three
 * tasks for 1,500 steps.
 */
export const DEFAULT_FORM: ExperimentForm = {
  // Each built-in task's language-model helper is off (src/data/languageModel.ts).
  enabled: { ...byTask(true), ...Object.fromEntries(BUILT_IN_TASK_NAMES.map((t) => [languageModelTaskName(t), false])) },
  weights: byTask(1),
  maxTrain: byTask(null),
  readLayer: byTask(null),
  sameSentences: false,
  sharing: 'hard',
  lambda: 0.01,
  encoder: 'cnn',
  embeddingDim: EXPERIMENT_FIELDS.embeddingDim.default,
  hiddenSize: EXPERIMENT_FIELDS.hiddenSize.default,
  encoderLayers: EXPERIMENT_FIELDS.encoderLayers.default,
  sharedLayers: 0,
  headLayers: 0,
  learningRate: EXPERIMENT_FIELDS.learningRate.default,
  batchSize: EXPERIMENT_FIELDS.batchSize.default,
  steps: 1500,
  patience: 5,
  seed: 1,
  backend: 'auto',
  representation: EXPERIMENT_FIELDS.representation.default,
  wordDropout: EXPERIMENT_FIELDS.wordDropout.default,
  trunkDropout: EXPERIMENT_FIELDS.trunkDropout.default,
  headDropout: 0,
  headDecay: 0,
  weighting: 'manual',
  schedule: 'all',
  scheduleTemperature: 2,
  dwaTemperature: 2,
  gradnormAlpha: 1.5,
  // Gradient cosines every 20 steps: T extra backward passes, shown on the page.
  interactionEvery: 20,
};
