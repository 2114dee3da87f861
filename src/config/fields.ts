import type { BackendChoice, EncoderKind, ExperimentSettings, Sharing } from './experiment';
import { SCHEDULES, WEIGHTING_METHODS } from '../train/weighting/methods';
import { DEFAULT_AFFIX_ROWS, DEFAULT_SUFFIXES, REPRESENTATIONS, SUFFIX_CHOICES } from '../data/tokenFeatures';
import { LEARNING_RATE_SCHEDULES } from '../train/learningRate';

interface NumberField {
  readonly type: 'number';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** The setting's name in a link (src/config/url.ts); a setting with one is also on the page's form. */
  readonly link?: string;
}
interface ChoiceField<T extends string> {
  readonly type: 'choice';
  readonly default: T;
  readonly choices: readonly T[];
  readonly link?: string;
}
interface BooleanField {
  readonly type: 'boolean';
  readonly default: boolean;
  readonly link?: string;
}

// [V] keeps a union of choices together instead of distributing over it.
type FieldFor<V> = [V] extends [number]
  ? NumberField
  : [V] extends [boolean]
    ? BooleanField
    : [V] extends [string]
      ? ChoiceField<V>
      : never;

type FieldTable = { readonly [K in keyof ExperimentSettings]-?: FieldFor<ExperimentSettings[K]> };

/**
 * One row per setting, with its type, default, valid range and (for the
 * settings a user sets on the page) its name in a link. Typed against
 * ExperimentSettings so a setting without a row does not compile. The eval
 * CLI, the worker, the URL and the page's form all read it; adding a setting
 * is one row here plus its use in the trainer.
 */
const FIELDS = {
  sharing: {
    type: 'choice',
    default: 'hard',
    choices: ['hard', 'soft', 'crossstitch'] satisfies Sharing[],
    link: 'share',
  },
  lambda: { type: 'number', default: 0.01, min: 0, max: 1000, link: 'lambda' },
  encoder: {
    type: 'choice',
    default: 'cnn',
    choices: ['cnn', 'bigru', 'transformer'] satisfies EncoderKind[],
    link: 'enc',
  },
  representation: { type: 'choice', default: 'features', choices: REPRESENTATIONS, link: 'rep' },
  // 2,039 as in every model saved before the setting; 8,191 measured +0.1 point on POS trained on EWT train (eval/README.md).
  affixRows: { type: 'number', default: DEFAULT_AFFIX_ROWS, min: 16, max: 131_072, integer: true, link: 'affix' },
  // '3' as in every model saved before the setting; '2-4' measured +0.30 ± 0.11 points on POS trained on EWT dev (eval/README.md).
  suffixes: { type: 'choice', default: DEFAULT_SUFFIXES, choices: SUFFIX_CHOICES, link: 'suffix' },
  wordDropout: { type: 'number', default: 0.25, min: 0, max: 10, link: 'wdrop' },
  embeddingDim: { type: 'number', default: 64, min: 4, max: 512, integer: true, link: 'emb' },
  hiddenSize: { type: 'number', default: 128, min: 4, max: 1024, integer: true, link: 'hidden' },
  encoderLayers: { type: 'number', default: 2, min: 1, max: 6, integer: true, link: 'layers' },
  sharedLayers: { type: 'number', default: 0, min: 0, max: 6, integer: true, link: 'shared' },
  headLayers: { type: 'number', default: 0, min: 0, max: 3, integer: true, link: 'head' },
  kernelSize: { type: 'number', default: 3, min: 1, max: 9, integer: true },
  attentionHeads: { type: 'number', default: 4, min: 1, max: 16, integer: true },
  steps: { type: 'number', default: 2000, min: 1, max: 1_000_000, integer: true, link: 'steps' },
  batchSize: { type: 'number', default: 32, min: 1, max: 1024, integer: true, link: 'batch' },
  learningRate: { type: 'number', default: 0.002, min: 1e-6, max: 10, link: 'lr' },
  // Measured (eval/README.md): SST-2 0.791 → 0.804, POS 0.9075 → 0.9087 against a constant rate.
  learningRateSchedule: { type: 'choice', default: 'cosine', choices: LEARNING_RATE_SCHEDULES },
  warmupSteps: { type: 'number', default: 100, min: 0, max: 1_000_000, integer: true },
  clipNorm: { type: 'number', default: 5, min: 0, max: 1e6 },
  weightAverage: { type: 'number', default: 0, min: 0, max: 0.9999, link: 'avg' },
  seed: { type: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true, link: 'seed' },
  emitEvery: { type: 'number', default: 10, min: 1, max: 10_000, integer: true },
  evalEvery: { type: 'number', default: 100, min: 1, max: 1_000_000, integer: true },
  validationSample: { type: 'number', default: 300, min: 0, max: 1_000_000, integer: true },
  patience: { type: 'number', default: 5, min: 0, max: 1000, integer: true, link: 'patience' },
  maxLength: { type: 'number', default: 64, min: 4, max: 256, integer: true },
  validationFraction: { type: 'number', default: 0.1, min: 0, max: 0.5 },
  minCount: { type: 'number', default: 1, min: 1, max: 1000, integer: true },
  lowercase: { type: 'boolean', default: true },
  maxVocab: { type: 'number', default: 20_000, min: 10, max: 500_000, integer: true },
  headDropout: { type: 'number', default: 0, min: 0, max: 0.9, link: 'dropout' },
  trunkDropout: { type: 'number', default: 0.25, min: 0, max: 0.9, link: 'tdrop' },
  headDecay: { type: 'number', default: 0, min: 0, max: 1, link: 'decay' },
  weighting: { type: 'choice', default: 'manual', choices: WEIGHTING_METHODS, link: 'weighting' },
  schedule: { type: 'choice', default: 'all', choices: SCHEDULES, link: 'schedule' },
  scheduleTemperature: { type: 'number', default: 2, min: 0.1, max: 100, link: 'temp' },
  dwaTemperature: { type: 'number', default: 2, min: 0.1, max: 100, link: 'tau' },
  gradnormAlpha: { type: 'number', default: 1.5, min: 0, max: 10, link: 'alpha' },
  interactionEvery: { type: 'number', default: 0, min: 0, max: 100_000, integer: true, link: 'measure' },
  backend: {
    type: 'choice',
    default: 'auto',
    choices: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] satisfies BackendChoice[],
    link: 'backend',
  },
} satisfies FieldTable;

export const EXPERIMENT_FIELDS: FieldTable = FIELDS;

export type SettingKey = keyof ExperimentSettings;
export const SETTING_KEYS = Object.keys(EXPERIMENT_FIELDS) as SettingKey[];

/** The settings a user sets on the page and a link carries: the rows with a link name. */
export type FormSettingKey = {
  [K in SettingKey]: (typeof FIELDS)[K] extends { readonly link: string } ? K : never;
}[SettingKey];
export const FORM_SETTING_KEYS = SETTING_KEYS.filter(
  (key) => EXPERIMENT_FIELDS[key].link !== undefined,
) as FormSettingKey[];
/** The form's settings that are numbers (typed in a box and checked against their row). */
export type NumericSetting = {
  [K in FormSettingKey]: ExperimentSettings[K] extends number ? K : never;
}[FormSettingKey];

/**
 * Where the page's form starts differently from the engine: a shorter run,
 * and gradient cosines every 20 steps (T extra backward passes, shown on the page).
 */
export const PAGE_DEFAULTS = { steps: 1500, interactionEvery: 20 } as const satisfies Partial<
  Pick<ExperimentSettings, FormSettingKey>
>;
/** Settings the page does not show, fixed there: shorter sentences and frequent curve points. */
export const PAGE_FIXED = { maxLength: 48, emitEvery: 5 } as const satisfies Partial<ExperimentSettings>;
/** Ten validations a page run, each on a fixed sample of the dev sets (validationSample): a small share of the run's time. */
export const pageEvalEvery = (steps: number): number => Math.max(10, Math.round(steps / 10));

/** A task's loss weight w_i, wherever it is typed or read (form, link). */
export const TASK_WEIGHT = { min: 0, max: 10 } as const;
/** The deepest encoder layer a head can read: as deep as an encoder can be. */
export const READ_LAYER_MAX = FIELDS.encoderLayers.max;

export function defaultSettings(): ExperimentSettings {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) out[key] = EXPERIMENT_FIELDS[key].default;
  return out as unknown as ExperimentSettings;
}
