import type { BackendName } from '../src/config/experiment';
import type { TaskKind } from '../src/data/types';
import type { BackendInfo } from '../src/train/events';

/**
 * Messages of the benchmark's own workers (`npm run bench` only; the app
 * never loads them). Kept apart from the app's worker protocol on purpose.
 */

/** tf.memory() in the training worker at a progress event: tensors, bytes and the backend's own GPU figures. */
export interface WorkerMemory {
  readonly numTensors: number;
  readonly numDataBuffers: number;
  readonly numBytes: number;
  /** WebGL and WebGPU: bytes of live tensors on the GPU. */
  readonly numBytesInGPU?: number;
  /** WebGL: bytes the texture manager holds, in use or pooled. */
  readonly numBytesInGPUAllocated?: number;
  /** WebGPU: bytes the buffer manager holds, in use or pooled. */
  readonly numBytesAllocatedInGPU?: number;
}

/** A message of the instrumented training worker: the app worker's message, plus memory on progress events. */
export interface WithMemory {
  readonly memory?: WorkerMemory;
}

/** One task of the baseline: its head and the batch shapes [rows, padded length] to train on, step by step. */
export interface BaselineTask {
  readonly name: string;
  readonly kind: TaskKind;
  readonly numLabels: number;
  readonly shapes: readonly (readonly [number, number])[];
}

/** The plain-TF.js baseline: a tf.LayersModel per task over shared layers, trained with trainOnBatch. */
/** TF.js environment flags set in a benchmark worker before it trains (e.g. WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE). */
export type BackendFlags = Readonly<Record<string, number | boolean>>;

export interface BaselineRequest {
  readonly backend: BackendName;
  readonly flags?: BackendFlags;
  readonly vocabularySize: number;
  readonly embeddingDim: number;
  readonly hiddenSize: number;
  readonly encoderLayers: number;
  readonly kernelSize: number;
  readonly headLayers: number;
  readonly learningRate: number;
  readonly steps: number;
  readonly tasks: readonly BaselineTask[];
}

export type BaselineReply =
  /** `stepMs[s]`: wall time of step s+1, all tasks one after another, each trainOnBatch awaited. */
  | {
      readonly kind: 'done';
      readonly backend: BackendInfo;
      readonly stepMs: readonly number[];
      readonly parameterCount: number;
    }
  | { readonly kind: 'error'; readonly message: string };
