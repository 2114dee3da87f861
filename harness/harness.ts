import type { ExperimentConfig } from '../src/config/experiment';
import { validateExperiment } from '../src/config/validate';
import { BatchSampler } from '../src/data/batching';
import { prepareData, type TaskFiles } from '../src/data/prepare';
import { Random } from '../src/data/random';
import type { BackendInfo, RunResult, TrainingEvent } from '../src/train/events';
import { MtlWorkerClient } from '../src/worker/client';
import type { WireError, WorkerMessage } from '../src/worker/protocol';
import type {
  BackendFlags,
  BaselineReply,
  BaselineRequest,
  BaselineTask,
  WithMemory,
  WorkerMemory,
} from './benchProtocol';
import { toExperiment, DEFAULT_FORM } from '../app/settings/experimentForm';
import { sampleFiles } from '../app/shared/tasks';

/** What one headless run returns: everything the worker said, in order. */
export interface HarnessRun {
  backend: BackendInfo | null;
  events: TrainingEvent[];
  errors: WireError[];
  result: RunResult | null;
  wallSeconds: number;
  firstLossMs: number | null;
  /** Only from benchRun: tf.memory() at each progress event, with the last step it covers. */
  memory?: { step: number; memory: WorkerMemory }[];
}

/** The batches a run will train on, replayed from the session's seeded samplers (see batchPlan). */
export interface BatchPlan {
  readonly vocabularySize: number;
  /** The validated settings the model and batches follow (defaults filled in). */
  readonly settings: Pick<
    ExperimentConfig,
    | 'embeddingDim'
    | 'hiddenSize'
    | 'encoderLayers'
    | 'kernelSize'
    | 'headLayers'
    | 'learningRate'
    | 'batchSize'
    | 'maxLength'
    | 'encoder'
    | 'sharing'
  >;
  readonly tasks: readonly (BaselineTask & { readonly tokens: readonly number[]; readonly trainExamples: number })[];
}

export interface MtlHarness {
  sampleFiles(): Record<string, TaskFiles>;
  /** The experiment the app's Train button sends with its default form (the default preset). */
  defaultExperiment(): ExperimentConfig;
  /** `onBackend` hears the backend as soon as the worker has chosen it, long before a long run's result. */
  run(
    config: unknown,
    files: Record<string, TaskFiles>,
    onEvent?: (event: TrainingEvent) => void,
    onBackend?: (info: BackendInfo) => void,
  ): Promise<HarnessRun>;
  /** As run, in the instrumented copy of the training worker that also reports tf.memory() bytes. */
  /** `flags` are TF.js flags the worker sets before it trains (passed in the worker's name). */
  benchRun(
    config: unknown,
    files: Record<string, TaskFiles>,
    onEvent?: (event: TrainingEvent) => void,
    flags?: BackendFlags,
  ): Promise<HarnessRun>;
  batchPlan(config: unknown, files: Record<string, TaskFiles>, steps: number): BatchPlan;
  baseline(request: BaselineRequest): Promise<BaselineReply>;
}

declare global {
  interface Window {
    mtlHarness: MtlHarness;
  }
}

/** Runs one experiment in a fresh worker; resolves when it is done or has failed. */
function runIn(
  client: MtlWorkerClient,
  config: unknown,
  files: Record<string, TaskFiles>,
  onEvent?: (event: TrainingEvent) => void,
  onBackend?: (info: BackendInfo) => void,
): Promise<HarnessRun> {
  const out: HarnessRun = { backend: null, events: [], errors: [], result: null, wallSeconds: 0, firstLossMs: null };
  const started = performance.now();
  return new Promise((resolve) => {
    const finish = () => {
      out.wallSeconds = (performance.now() - started) / 1000;
      client.terminate();
      resolve(out);
    };
    client.subscribe((received) => {
      // The instrumented worker adds `memory` to progress messages; the app's worker never does.
      const message: WorkerMessage & WithMemory = received;
      switch (message.kind) {
        case 'backend':
          out.backend = message.info;
          onBackend?.(message.info);
          return;
        case 'event':
          // Checkpoints carry all weights: keep them out of what scripts receive.
          if (message.event.type === 'checkpoint') return;
          out.events.push(message.event);
          onEvent?.(message.event);
          if (message.event.type === 'progress') {
            if (out.firstLossMs === null) out.firstLossMs = performance.now() - started;
            if (message.memory)
              (out.memory ??= []).push({ step: message.event.points.at(-1)?.step ?? 0, memory: message.memory });
          }
          // Headless runs have nobody to lower the learning rate: end the run (best weights are kept).
          if (message.event.type === 'diverged') client.stop();
          if (message.event.type === 'done') {
            out.result = message.event.result;
            finish();
          }
          return;
        case 'error':
          out.errors.push(message.error);
          finish();
          return;
        case 'prediction':
        case 'exported':
        case 'loaded':
        case 'disposed':
          return;
      }
    });
    client.start(config, files);
  });
}

const run: MtlHarness['run'] = (config, files, onEvent, onBackend) =>
  runIn(new MtlWorkerClient(), config, files, onEvent, onBackend);

const benchRun: MtlHarness['benchRun'] = (config, files, onEvent, flags = {}) =>
  runIn(
    new MtlWorkerClient(
      () =>
        new Worker(new URL('./benchTraining.worker.ts', import.meta.url), {
          type: 'module',
          name: JSON.stringify(flags),
        }),
    ),
    config,
    files,
    onEvent,
  );

/**
 * Prepares the data as the worker does and replays each task's sampler with
 * the seed TrainingSession gives it, so the bench knows the exact shape and
 * the real (non-padding) token count of every batch the run trains on.
 * Must follow TrainingSession's sampler seeding (seed·31 + 17 + task index).
 */
function batchPlan(raw: unknown, files: Record<string, TaskFiles>, steps: number): BatchPlan {
  const config = validateExperiment(raw);
  const data = prepareData(config, files);
  const {
    embeddingDim,
    hiddenSize,
    encoderLayers,
    kernelSize,
    headLayers,
    learningRate,
    batchSize,
    maxLength,
    encoder,
    sharing,
  } = config;
  return {
    vocabularySize: data.vocabulary.size,
    settings: {
      embeddingDim,
      hiddenSize,
      encoderLayers,
      kernelSize,
      headLayers,
      learningRate,
      batchSize,
      maxLength,
      encoder,
      sharing,
    },
    tasks: data.tasks.map((task, i) => {
      const sampler = new BatchSampler(
        task.splits.train,
        config.batchSize,
        config.maxLength,
        new Random(config.seed * 31 + 17 + i),
        data.tokenEncoder.idsPerToken,
      );
      const shapes: [number, number][] = [];
      const tokens: number[] = [];
      for (let s = 0; s < steps; s++) {
        const batch = sampler.next();
        shapes.push([batch.size, batch.length]);
        tokens.push(batch.tokens);
      }
      return {
        name: task.spec.name,
        kind: task.kind,
        numLabels: task.labels.length,
        shapes,
        tokens,
        trainExamples: task.splits.train.length,
      };
    }),
  };
}

function baseline(request: BaselineRequest): Promise<BaselineReply> {
  const worker = new Worker(new URL('./benchBaseline.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<BaselineReply>((resolve) => {
    worker.onmessage = (event: MessageEvent<BaselineReply>) => resolve(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      resolve({ kind: 'error', message: `the baseline worker crashed: ${event.message || 'unknown error'}` });
    };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

window.mtlHarness = {
  sampleFiles,
  defaultExperiment: () => toExperiment(DEFAULT_FORM),
  run,
  benchRun,
  batchPlan,
  baseline,
};
