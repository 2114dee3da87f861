import type { BackendName, DataFormat, TaskSpec } from '../config/experiment';
import type { Split } from '../data/corpora';
import type { SharedSentences, TaskData } from '../data/corpusLoader';
import type { Detection } from '../data/detect';
import type { TaskInspection } from '../data/inspector';
import type { TaskFiles } from '../data/prepare';
import type { SplitRatios } from '../data/userSplit';
import type { BackendInfo, Checkpoint, FineTune, Prediction, TrainingEvent } from '../train/events';
import type { ModelArtifacts, OutputTask } from '../train/predictor';

/**
 * The one message protocol between the page and the training worker. Each
 * variant pairs its `kind` with its own payload; switches over it end in
 * assertNever so a new message cannot be forgotten.
 */
export type WorkerRequest =
  /** `config` is checked in the worker (validateExperiment); `files` hold each task's file texts. */
  | {
      readonly kind: 'start';
      readonly config: unknown;
      readonly files: Readonly<Record<string, TaskFiles>>;
      readonly resume?: Checkpoint;
      readonly fineTune?: FineTune;
      /** Train one step, then pause (Step pressed before the run started). */
      readonly stepOnce?: boolean;
    }
  | { readonly kind: 'pause' }
  /** Trains exactly one step from a pause, then pauses again. */
  | { readonly kind: 'step' }
  | { readonly kind: 'resume' }
  | { readonly kind: 'stop' }
  | { readonly kind: 'setWeights'; readonly weights: Readonly<Record<string, number>> }
  /** Restarts Adam with this rate (after a divergence, before Resume). */
  | { readonly kind: 'setLearningRate'; readonly learningRate: number }
  | { readonly kind: 'predict'; readonly id: number; readonly text: string }
  | { readonly kind: 'exportModel'; readonly id: number; readonly withInitial: boolean }
  /** Loads an exported model for prediction (Try it) without training. */
  | { readonly kind: 'loadModel'; readonly id: number; readonly artifacts: ModelArtifacts }
  | { readonly kind: 'dispose'; readonly id: number };

/**
 * Faults for the browser tests, known only to the training worker's debug
 * entry (mtl.debug.worker.ts), which a dev build opened with ?debug=1 runs:
 * `crash` throws outside any handler, as a crash would; `explodeLearningRate`
 * makes Adam's next step with a rate that overflows, so the loss turns NaN;
 * `loseDevice` destroys the WebGPU device. The product's worker and bundle have none of them.
 */
export type WorkerFault = 'crash' | 'explodeLearningRate' | 'loseDevice';
export type DebugWorkerRequest = WorkerRequest | { readonly kind: 'fault'; readonly fault: WorkerFault };

/** An error as data: it crosses the worker boundary and becomes a typed error again on the page. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly line?: number;
  readonly file?: string;
}

export type WorkerMessage =
  | { readonly kind: 'backend'; readonly info: BackendInfo }
  /** "Best available" is timing this backend on the run's model (before the `backend` message). */
  | { readonly kind: 'measuring'; readonly backend: BackendName }
  | { readonly kind: 'event'; readonly event: TrainingEvent }
  | { readonly kind: 'prediction'; readonly id: number; readonly prediction: Prediction }
  | { readonly kind: 'exported'; readonly id: number; readonly artifacts: ModelArtifacts }
  | { readonly kind: 'loaded'; readonly id: number; readonly tasks: readonly OutputTask[] }
  | { readonly kind: 'disposed'; readonly id: number }
  /** `id` names the request that failed, when it was one that waits for a reply. */
  | { readonly kind: 'error'; readonly id?: number; readonly error: WireError };

export function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}

export function toWireError(err: unknown): WireError {
  if (err instanceof Error) {
    const extra = err as Error & { line?: unknown; file?: unknown };
    return {
      name: err.name,
      message: err.message,
      ...(typeof extra.line === 'number' ? { line: extra.line } : {}),
      ...(typeof extra.file === 'string' ? { file: extra.file } : {}),
    };
  }
  return { name: 'Error', message: String(err) };
}

/** An error that came from the worker, with its original name kept. */
export class WorkerError extends Error {
  readonly line?: number;
  readonly file?: string;
  constructor(wire: WireError) {
    super(wire.message);
    this.name = wire.name;
    if (wire.line !== undefined) this.line = wire.line;
    if (wire.file !== undefined) this.file = wire.file;
  }
}

/**
 * The data worker: downloads and checks corpora, reads files a user drops in,
 * and inspects them, so that parsing never blocks the page.
 */
export type DataRequest =
  | { readonly kind: 'loadCorpora'; readonly tasks: readonly string[]; readonly offline: boolean }
  /** Reads and detects a user's file (a File crosses to the worker without being read on the page). */
  | { readonly kind: 'readUserFile'; readonly id: number; readonly file: Blob; readonly name: string }
  /** Turns the last file read (`file`: the id of its readUserFile request) into a task: chosen format and columns, a seeded split. */
  | { readonly kind: 'buildUserTask'; readonly id: number; readonly file: number; readonly task: UserTaskChoice };

export interface UserTaskChoice {
  readonly name: string;
  readonly format: DataFormat;
  readonly textColumn?: number;
  readonly labelColumn?: number;
  readonly header?: boolean;
  readonly ratios: SplitRatios;
  readonly seed: number;
}

/**
 * Where the worker is with a user's file: bytes read so far, then parsing,
 * then inspecting the examples found, so a big file's status never stands still without saying why.
 */
export type UserFileProgress =
  | { readonly stage: 'reading'; readonly loaded: number; readonly total: number }
  | { readonly stage: 'parsing'; readonly total: number }
  | { readonly stage: 'inspecting'; readonly total: number; readonly examples: number };

export interface UserFilePreview {
  readonly fileName: string;
  readonly bytes: number;
  readonly detection: Detection;
  /** The whole file read as one split, with the detected format. */
  readonly inspection: TaskInspection;
}

export type DataMessage =
  | {
      readonly kind: 'corpusProgress';
      readonly task: string;
      readonly split: Split;
      readonly loaded: number;
      readonly total: number;
    }
  | { readonly kind: 'taskData'; readonly data: TaskData }
  /** NER and POS joined on sent_id: counts per split and both tasks' files with only the shared sentences. */
  | { readonly kind: 'sharedSentences'; readonly shared: SharedSentences }
  | { readonly kind: 'userFileProgress'; readonly id: number; readonly progress: UserFileProgress }
  | { readonly kind: 'userFile'; readonly id: number; readonly preview: UserFilePreview }
  | { readonly kind: 'userTask'; readonly id: number; readonly data: TaskData; readonly spec: TaskSpec }
  | { readonly kind: 'dataError'; readonly id: number; readonly error: WireError };
