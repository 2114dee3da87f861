import type { BackendName } from '../config/experiment';
import type { TaskKind } from '../data/types';
import type { TaskMetrics } from '../metrics/taskMetrics';

/** One training-loss point: per-task J_i and the weighted objective J. */
export interface LossPoint {
  readonly step: number;
  /** Training examples drawn so far, all tasks together. */
  readonly examples: number;
  readonly losses: Readonly<Record<string, number>>;
  readonly total: number;
  /** Effective task weights at this step (manual, or set by the weighting method). */
  readonly weights?: Readonly<Record<string, number>>;
  /** Cosine between task gradients on the shared encoder, per pair ("ner·pos"), where measured. */
  readonly cosines?: Readonly<Record<string, number>>;
  /** Each task's share of the shared-encoder gradient norm, where measured. */
  readonly shares?: Readonly<Record<string, number>>;
  /** The tasks trained at this step, when a schedule trains fewer than all. */
  readonly trained?: readonly string[];
}

export interface TaskSummary {
  readonly name: string;
  readonly kind: TaskKind;
  readonly labels: readonly string[];
  readonly train: number;
  readonly valid: number;
  readonly test: number;
}

export interface ValidationPoint {
  readonly step: number;
  /** Examples seen by then (runs saved before this field have none: the charts map the step through the loss points). */
  readonly examples?: number;
  readonly losses: Readonly<Record<string, number>>;
  /** Σ w_i · validation loss_i. */
  readonly weightedLoss: number;
  readonly metrics: Readonly<Record<string, TaskMetrics>>;
  /** The weighted mean of the tasks' headline metrics (F1, accuracy) beat every earlier validation: the checkpoint kept, and what early stopping watches. */
  readonly improved: boolean;
}

export type RunEnd = 'completed' | 'stopped' | 'early-stopped';

export interface RunResult {
  readonly reason: RunEnd;
  readonly steps: number;
  /** Step of the restored checkpoint (best weighted validation loss), if any validation ran. */
  readonly bestStep: number | null;
  readonly msPerStep: number;
  readonly trainingSeconds: number;
  /** Metrics on each task's test split (validation split where a task has no test file). */
  readonly test: Readonly<Record<string, TaskMetrics>>;
  readonly testSplit: Readonly<Record<string, 'test' | 'valid'>>;
  /** Metrics on each task's whole validation split at the restored checkpoint (during training only a sample is scored). */
  readonly valid?: Readonly<Record<string, TaskMetrics>>;
  /** Seconds spent validating during training (not counted in trainingSeconds). */
  readonly validationSeconds?: number;
}

/** `validating`: scoring the dev samples between steps; `evaluating`: the final scores of the whole dev and test sets. */
export type SessionState = 'preparing' | 'training' | 'validating' | 'paused' | 'evaluating' | 'finished';

export interface Prediction {
  readonly tokens: readonly string[];
  readonly tasks: Readonly<
    Record<
      string,
      | { kind: 'classification'; label: string; probability: number; probabilities: Readonly<Record<string, number>> }
      | { kind: 'tagging'; tags: readonly string[] }
    >
  >;
}

export interface BackendInfo {
  readonly name: BackendName;
  /** Backends tried before this one, with why each was passed over. */
  readonly skipped: readonly { readonly name: BackendName; readonly reason: string }[];
  readonly adapter?: {
    readonly vendor: string;
    readonly architecture: string;
    readonly description: string;
    readonly isFallbackAdapter: boolean;
  };
  /** How "Best available" chose, when it measured (or reused an earlier measurement on this device). */
  readonly calibration?: BackendCalibration;
}

/** One backend's time per step of the run's model in a calibration; null with a note when it could not be timed. */
export interface MeasuredBackend {
  readonly name: BackendName;
  readonly msPerStep: number | null;
  readonly note?: string;
}

export interface BackendCalibration {
  readonly kept: BackendName;
  /** Fastest first. */
  readonly measured: readonly MeasuredBackend[];
  readonly fromCache: boolean;
}

/** Weights of a run at a step, in the TF.js weights encoding: what a new worker continues from. */
export interface Checkpoint {
  readonly step: number;
  /** Training examples drawn up to that step. */
  readonly examples: number;
  readonly weights: ArrayBuffer;
  readonly specs: readonly {
    name: string;
    shape: number[];
    dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
  }[];
  /** On the final checkpoint of a run: its token vocabulary, so a later run can start from its encoder. */
  readonly vocabulary?: { readonly tokens: readonly string[]; readonly lowercase: boolean };
}

/** Start a run from another run's shared encoder (its weights under trunk:shared/ and its vocabulary); the heads start afresh. */
export interface FineTune {
  readonly from: Checkpoint;
  /** Keep the encoder as it is and train only the heads. */
  readonly freeze: boolean;
}

/** What a training session reports, in order: prepared, then progress/validation (and state), then done. */
export type TrainingEvent =
  | {
      readonly type: 'prepared';
      readonly tasks: readonly TaskSummary[];
      readonly vocabularySize: number;
      readonly parameterCount: number;
      readonly encoders: number;
    }
  | {
      readonly type: 'progress';
      readonly points: readonly LossPoint[];
      readonly epochs: Readonly<Record<string, number>>;
      readonly msPerStep: number;
      /** Time spent validating so far, per training step done (not in msPerStep): what "time left" adds for the validations to come. */
      readonly validationMsPerStep?: number;
      /** tf.memory().numTensors in the worker: flat from step to step when nothing leaks. */
      readonly tensors: number;
    }
  | { readonly type: 'validation'; readonly point: ValidationPoint }
  | { readonly type: 'state'; readonly state: SessionState }
  | { readonly type: 'warning'; readonly message: string }
  /** A loss became NaN/Inf: the run paused and its weights went back to `restoredStep`. */
  | {
      readonly type: 'diverged';
      readonly task: string | null;
      readonly step: number;
      readonly restoredStep: number;
      readonly message: string;
    }
  /** Sent every few steps so the run survives its worker (crash, lost GPU). */
  | { readonly type: 'checkpoint'; readonly checkpoint: Checkpoint }
  | { readonly type: 'done'; readonly result: RunResult };
