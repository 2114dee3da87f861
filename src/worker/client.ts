import type { TaskFiles } from '../data/prepare';
import type { Checkpoint, FineTune, Prediction } from '../train/events';
import type { ModelArtifacts, OutputTask } from '../train/predictor';
import type { Routing } from './requestClient';
import { RequestClient } from './requestClient';
import type { WorkerMessage, WorkerRequest } from './protocol';

type Listener = (message: WorkerMessage) => void;

/** Replies settle the request they name; an error with an id fails that request, one without is the run's. */
function route(message: WorkerMessage): Routing {
  switch (message.kind) {
    case 'prediction':
    case 'exported':
    case 'loaded':
    case 'disposed':
      return { to: 'reply', id: message.id };
    case 'error':
      return message.id === undefined ? { to: 'listeners' } : { to: 'reply', id: message.id, error: message.error };
    default:
      return { to: 'listeners' };
  }
}

/**
 * The page's side of the training worker (a RequestClient). Requests that
 * wait for a reply settle exactly once: by their reply, by an error naming
 * their id, or by the worker crashing or being terminated. Listeners hear
 * every message, and a crash as an `error` message.
 */
export class MtlWorkerClient {
  private readonly rpc: RequestClient<WorkerRequest, WorkerMessage>;

  constructor(
    createWorker: () => Worker = () => new Worker(new URL('./mtl.worker.ts', import.meta.url), { type: 'module' }),
  ) {
    this.rpc = new RequestClient<WorkerRequest, WorkerMessage>(createWorker(), {
      workerName: 'training worker',
      route,
      deathNotice: (error) => ({ kind: 'error', error }),
    });
  }

  /** False once the worker crashed or was terminated. */
  get alive(): boolean {
    return this.rpc.alive;
  }

  subscribe(listener: Listener): () => void {
    return this.rpc.subscribe(listener);
  }

  start(
    config: unknown,
    files: Readonly<Record<string, TaskFiles>>,
    resume?: Checkpoint,
    fineTune?: FineTune,
    stepOnce = false,
  ): void {
    this.rpc.send({
      kind: 'start',
      config,
      files,
      ...(resume ? { resume } : {}),
      ...(fineTune ? { fineTune } : {}),
      ...(stepOnce ? { stepOnce } : {}),
    });
  }

  /** One step from a pause (or right after a start with stepOnce), then paused again. */
  step(): void {
    this.rpc.send({ kind: 'step' });
  }

  pause(): void {
    this.rpc.send({ kind: 'pause' });
  }

  resume(): void {
    this.rpc.send({ kind: 'resume' });
  }

  stop(): void {
    this.rpc.send({ kind: 'stop' });
  }

  setWeights(weights: Readonly<Record<string, number>>): void {
    this.rpc.send({ kind: 'setWeights', weights });
  }

  setLearningRate(learningRate: number): void {
    this.rpc.send({ kind: 'setLearningRate', learningRate });
  }

  async predict(text: string): Promise<Prediction> {
    return (await this.rpc.request((id) => ({ kind: 'predict', id, text }), 'prediction')).prediction;
  }

  /** The trained model's files; `withInitial` adds the weights the run started from (for the PyTorch export). */
  async exportModel(withInitial = false): Promise<ModelArtifacts> {
    return (await this.rpc.request((id) => ({ kind: 'exportModel', id, withInitial }), 'exported')).artifacts;
  }

  async loadModel(artifacts: ModelArtifacts): Promise<readonly OutputTask[]> {
    return (await this.rpc.request((id) => ({ kind: 'loadModel', id, artifacts }), 'loaded')).tasks;
  }

  /** Frees the model in the worker and ends the worker. */
  async dispose(): Promise<void> {
    try {
      await this.rpc.request((id) => ({ kind: 'dispose', id }), 'disposed');
    } finally {
      this.terminate();
    }
  }

  terminate(): void {
    this.rpc.terminate();
  }
}
