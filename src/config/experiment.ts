import type { Representation, Suffixes } from '../data/tokenFeatures';
import type { TaskKind } from '../data/types';
import type { LearningRateSchedule } from '../train/learningRate';
import type { Schedule, WeightingMethod } from '../train/weighting/methods';

export type DataFormat = 'conllu' | 'iob2' | 'conll2003' | 'tsv' | 'csv';
/** Hard: one shared encoder. Soft: one per task, pulled together by λ. Cross-stitch: one per task, mixed after every layer by learned T×T units. */
export type Sharing = 'hard' | 'soft' | 'crossstitch';
export type EncoderKind = 'cnn' | 'bigru' | 'transformer';
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = BackendName | 'auto';

export const DATA_FORMATS: readonly DataFormat[] = ['conllu', 'iob2', 'conll2003', 'tsv', 'csv'];
export const FORMAT_KIND: Readonly<Record<DataFormat, TaskKind>> = {
  conllu: 'tagging',
  iob2: 'tagging',
  conll2003: 'tagging',
  tsv: 'classification',
  csv: 'classification',
};

/** One task of an experiment: what it is and how its files are read (not the files themselves). */
export interface TaskSpec {
  readonly name: string;
  readonly kind: TaskKind;
  readonly format: DataFormat;
  /** Cap on training examples (sentences or texts), after a seeded shuffle. */
  readonly maxTrain?: number;
  /** For TSV/CSV: text and label columns (header name or 0-based index). */
  readonly textColumn?: string | number;
  readonly labelColumn?: string | number;
  /** Hard sharing: the encoder layer (1-based) whose states this task's head reads; default the top one. */
  readonly readLayer?: number;
  /**
   * A language-model helper (src/data/languageModel.ts): the name of the task
   * whose sentences it models. Its format and columns are that task's; its
   * kind is tagging (one output per token).
   */
  readonly languageModelOf?: string;
}

/** The numeric and choice settings of an experiment; one row each in EXPERIMENT_FIELDS. */
export interface ExperimentSettings {
  readonly sharing: Sharing;
  /** Soft sharing: weight of Σ_{i<j} ‖θ_i − θ_j‖² over corresponding encoder weights. */
  readonly lambda: number;
  readonly encoder: EncoderKind;
  /** How a token reaches the encoder: its word id, plus hashed affixes and shape, or plus a character CNN (src/data/tokenFeatures.ts). */
  readonly representation: Representation;
  /** `features`: rows of the prefix table and of the suffix table that affixes are hashed into; fewer rows, more affixes share one. */
  readonly affixRows: number;
  /** `features`: which suffixes are hashed, the last 3 code points or the last 2, 3 and 4 (hashedAttributes). */
  readonly suffixes: Suffixes;
  /** Word dropout α: during training a word seen c times in training data becomes <unk> with probability α/(α+c); 0 = off. */
  readonly wordDropout: number;
  readonly embeddingDim: number;
  readonly hiddenSize: number;
  readonly encoderLayers: number;
  /** Hard sharing: how many encoder layers (from the bottom) all tasks share; 0 = all. Layers above are each task's own. */
  readonly sharedLayers: number;
  /** Task-specific hidden layers in each head (0 = a single linear output layer). */
  readonly headLayers: number;
  readonly kernelSize: number;
  readonly attentionHeads: number;
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Constant, or a cosine decay to a tenth of the rate at the last step (src/train/learningRate.ts). */
  readonly learningRateSchedule: LearningRateSchedule;
  /** Steps of linear warm-up from 0 to the rate (at most a tenth of the run); 0 = none. */
  readonly warmupSteps: number;
  /** Global gradient-norm clip; 0 turns clipping off. */
  readonly clipNorm: number;
  /** Decay of the weights' moving average that validation and the final test read (src/train/session/weightAverage.ts); 0 = off. */
  readonly weightAverage: number;
  readonly seed: number;
  /** Emit training losses every this many steps (one GPU readback per emit). */
  readonly emitEvery: number;
  /** Validate every this many steps. */
  readonly evalEvery: number;
  /** Validation during training scores this many dev examples per task (the same seeded sample each time); 0 = all. The whole dev set is scored once at the end. */
  readonly validationSample: number;
  /** Early stopping: validations without improvement before stopping; 0 turns it off. */
  readonly patience: number;
  /** Training sentences are cut to this many tokens. */
  readonly maxLength: number;
  /** Share of training data held out for validation when a task has no dev file. */
  readonly validationFraction: number;
  readonly minCount: number;
  readonly lowercase: boolean;
  readonly maxVocab: number;
  readonly backend: BackendChoice;
  /** Dropout on the task-specific layers during training. */
  readonly headDropout: number;
  /** Dropout on the trunk (the token representation and each encoder layer's output) during training. */
  readonly trunkDropout: number;
  /** L2 weight decay on the task-specific kernels. */
  readonly headDecay: number;
  /** How task losses are combined: the manual weights w_i, or a method that sets them (src/train/weighting). */
  readonly weighting: WeightingMethod;
  /** Which tasks train at a step: all, or one chosen round-robin, by dataset size, or by temperature. */
  readonly schedule: Schedule;
  /** T of the temperature schedule, p_i ∝ N_i^(1/T). */
  readonly scheduleTemperature: number;
  /** τ of Dynamic Weight Average. */
  readonly dwaTemperature: number;
  /** α of GradNorm. */
  readonly gradnormAlpha: number;
  /** Measure gradient cosines between tasks every this many steps (one backward pass per task); 0 = never. Free with PCGrad and GradNorm. */
  readonly interactionEvery: number;
}

export interface ExperimentConfig extends ExperimentSettings {
  readonly tasks: readonly TaskSpec[];
  /** Task loss weight w_i by task name; tasks not named get 1. */
  readonly weights: Readonly<Record<string, number>>;
}
