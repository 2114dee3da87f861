import type { TaskFiles } from '../data/prepare';
import type { Checkpoint, FineTune, Prediction } from '../train/events';
import type { ModelArtifacts, OutputTask } from '../train/predictor';
import { WorkerError, type WorkerMessage, type WorkerRequest } from './protocol';

type Listener = (message: WorkerMessage) => void;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

/**
 * The page's side of the worker protocol. Requests that wait for a reply
 * settle exactly once: by their reply, by an error naming their id, or by
 * the worker crashing or being terminated.
 */
export class MtlWorkerClient {
  private readonly worker: Worker;
  private readonly listeners = new Set<Listener>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: Error | null = null;

  constructor(createWorker: () => Worker = () => new Worker(new URL('./mtl.worker.ts', import.meta.url), { type: 'module' })) {
    this.worker = createWorker();
    this.worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.receive(event.data);
    this.worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.fail(new WorkerError({ name: 'WorkerCrash', message: `the training worker crashed: ${event.message || 'unknown error'}` }));
    };
    this.worker.onmessageerror = () => this.fail(new WorkerError({ name: 'WorkerCrash', message: 'a message from the training worker could not be read' }));
  }

  /** False once the worker crashed or was terminated. */
  get alive(): boolean {
    return this.dead === null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(config: unknown, files: Readonly<Record<string, TaskFiles>>, resume?: Checkpoint, fineTune?: FineTune): void {
    this.send({ kind: 'start', config, files, ...(resume ? { resume } : {}), ...(fineTune ? { fineTune } : {}) });
  }

  /** Test-only: injects a fault in the worker (see the protocol). */
  debug(fault: 'crash' | 'explodeLearningRate' | 'loseDevice'): void {
    this.send({ kind: 'debug', fault });
  }

  pause(): void {
    this.send({ kind: 'pause' });
  }

  resume(): void {
    this.send({ kind: 'resume' });
  }

  stop(): void {
    this.send({ kind: 'stop' });
  }

  setWeights(weights: Readonly<Record<string, number>>): void {
    this.send({ kind: 'setWeights', weights });
  }

  setLearningRate(learningRate: number): void {
    this.send({ kind: 'setLearningRate', learningRate });
  }

  predict(text: string): Promise<Prediction> {
    return this.request((id) => ({ kind: 'predict', id, text })) as Promise<Prediction>;
  }

  exportModel(): Promise<ModelArtifacts> {
    return this.request((id) => ({ kind: 'exportModel', id })) as Promise<ModelArtifacts>;
  }

  loadModel(artifacts: ModelArtifacts): Promise<readonly OutputTask[]> {
    return this.request((id) => ({ kind: 'loadModel', id, artifacts })) as Promise<readonly OutputTask[]>;
  }

  /** Frees the model in the worker and ends the worker. */
  async dispose(): Promise<void> {
    try {
      await this.request((id) => ({ kind: 'dispose', id }));
    } finally {
      this.terminate();
    }
  }

  terminate(): void {
    this.worker.terminate();
    this.fail(new WorkerError({ name: 'WorkerTerminated', message: 'the training worker was stopped' }), false);
  }

  private request(make: (id: number) => WorkerRequest): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send(make(id));
    });
  }

  private send(request: WorkerRequest): void {
    if (this.dead) throw this.dead;
    this.worker.postMessage(request);
  }

  private receive(message: WorkerMessage): void {
    if (message.kind === 'prediction') this.settle(message.id, (p) => p.resolve(message.prediction));
    else if (message.kind === 'exported') this.settle(message.id, (p) => p.resolve(message.artifacts));
    else if (message.kind === 'loaded') this.settle(message.id, (p) => p.resolve(message.tasks));
    else if (message.kind === 'disposed') this.settle(message.id, (p) => p.resolve(undefined));
    else if (message.kind === 'error' && message.id !== undefined) this.settle(message.id, (p) => p.reject(new WorkerError(message.error)));
    for (const l of this.listeners) l(message);
  }

  private settle(id: number, action: (p: Pending) => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    action(p);
  }

  private fail(err: Error, notify = true): void {
    if (this.dead) return;
    this.dead = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    if (notify) for (const l of this.listeners) l({ kind: 'error', error: { name: err.name, message: err.message } });
  }
}
