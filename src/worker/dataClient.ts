import type { TaskSpec } from '../config/experiment';
import type { TaskData } from '../data/corpusLoader';
import { WorkerError, type DataMessage, type DataRequest, type UserFilePreview, type UserFileProgress, type UserTaskChoice } from './protocol';

type Listener = (message: DataMessage) => void;
/** Where the data worker is with a user's file. */
export type ReadProgress = (progress: UserFileProgress) => void;

interface Pending {
  readonly resolve: (m: DataMessage) => void;
  readonly reject: (e: Error) => void;
  readonly onProgress?: ReadProgress;
}

/**
 * The page's side of the data worker: corpus loading streams messages to
 * subscribers; reading a user's file and building a task are requests that
 * settle with their reply or their error.
 */
export class DataWorkerClient {
  private readonly worker: Worker;
  private readonly listeners = new Set<Listener>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(createWorker: () => Worker = () => new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module' })) {
    this.worker = createWorker();
    this.worker.onmessage = (event: MessageEvent<DataMessage>) => this.receive(event.data);
    this.worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      const error = new WorkerError({ name: 'WorkerCrash', message: `the data worker crashed: ${event.message || 'unknown error'}` });
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  loadCorpora(tasks: readonly string[], offline: boolean): void {
    this.send({ kind: 'loadCorpora', tasks, offline });
  }

  async readUserFile(file: Blob, name: string, onProgress?: ReadProgress): Promise<{ id: number; preview: UserFilePreview }> {
    const id = this.nextId++;
    const reply = await this.request(id, { kind: 'readUserFile', id, file, name }, onProgress);
    if (reply.kind !== 'userFile') throw new Error(`unexpected reply ${reply.kind}`);
    return { id, preview: reply.preview };
  }

  async buildUserTask(id: number, task: UserTaskChoice): Promise<{ data: TaskData; spec: TaskSpec }> {
    const reply = await this.request(id, { kind: 'buildUserTask', id, task });
    if (reply.kind !== 'userTask') throw new Error(`unexpected reply ${reply.kind}`);
    return { data: reply.data, spec: reply.spec };
  }

  terminate(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('the data worker was closed'));
    this.pending.clear();
  }

  private request(id: number, request: DataRequest, onProgress?: ReadProgress): Promise<DataMessage> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
      this.send(request);
    });
  }

  private send(request: DataRequest): void {
    this.worker.postMessage(request);
  }

  private receive(message: DataMessage): void {
    if (message.kind === 'userFileProgress') {
      this.pending.get(message.id)?.onProgress?.(message.progress);
      return;
    }
    if (message.kind === 'userFile' || message.kind === 'userTask' || message.kind === 'dataError') {
      const p = this.pending.get(message.id);
      if (p) {
        this.pending.delete(message.id);
        if (message.kind === 'dataError') p.reject(new WorkerError(message.error));
        else p.resolve(message);
        return;
      }
    }
    for (const l of this.listeners) l(message);
  }
}
