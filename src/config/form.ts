import type { ExperimentSettings } from './experiment';

/** The tasks that ship with the playground, in display order. */
export const BUILT_IN_TASK_NAMES = ['sentiment', 'ner', 'pos'] as const;

/** The settings a user sets on the page (and in a link); the rest keep their defaults. */
export type FormSettingKey =
  | 'sharing' | 'lambda' | 'encoder' | 'embeddingDim' | 'hiddenSize' | 'encoderLayers' | 'sharedLayers' | 'headLayers'
  | 'learningRate' | 'batchSize' | 'steps' | 'patience' | 'seed' | 'backend'
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

const byTask = <T,>(value: T): Record<string, T> => Object.fromEntries(BUILT_IN_TASK_NAMES.map((t) => [t, value]));

/** Small enough to feel live on a software GPU, big enough to learn the samples. */
export const DEFAULT_FORM: ExperimentForm = {
  enabled: byTask(true),
  weights: byTask(1),
  maxTrain: byTask(null),
  readLayer: byTask(null),
  sameSentences: false,
  sharing: 'hard',
  lambda: 0.01,
  encoder: 'cnn',
  embeddingDim: 32,
  hiddenSize: 32,
  encoderLayers: 1,
  sharedLayers: 0,
  headLayers: 0,
  learningRate: 0.005,
  batchSize: 16,
  steps: 300,
  patience: 5,
  seed: 1,
  backend: 'auto',
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
