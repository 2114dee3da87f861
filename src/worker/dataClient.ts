import type { TaskSpec } from '../config/experiment';
import type { TaskData } from '../data/corpusLoader';
import type { Routing } from './requestClient';
import { RequestClient } from './requestClient';
import type { DataMessage, DataRequest, UserFilePreview, UserFileProgress, UserTaskChoice } from './protocol';

type Listener = (message: DataMessage) => void;
/** Where the data worker is with a user's file. */
export type ReadProgress = (progress: UserFileProgress) => void;

/** A file's read progress is news about its request; a user file, a task or an error settle theirs. */
function route(message: DataMessage): Routing {
  switch (message.kind) {
    case 'userFileProgress':
      return { to: 'update', id: message.id };
    case 'userFile':
    case 'userTask':
      return { to: 'reply', id: message.id };
    case 'dataError':
      return { to: 'reply', id: message.id, error: message.error };
    default:
      return { to: 'listeners' };
  }
}

/**
 * The page's side of the data worker (a RequestClient): corpus loading
 * streams messages to subscribers; reading a user's file and building a task
 * are requests that settle with their reply or their error, or reject when
 * the worker crashes or is terminated.
 */
export class DataWorkerClient {
  private readonly rpc: RequestClient<DataRequest, DataMessage>;

  constructor(
    createWorker: () => Worker = () => new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module' }),
  ) {
    this.rpc = new RequestClient<DataRequest, DataMessage>(createWorker(), { workerName: 'data worker', route });
  }

  /** False once the worker crashed or was terminated: then every request rejects. */
  get alive(): boolean {
    return this.rpc.alive;
  }

  subscribe(listener: Listener): () => void {
    return this.rpc.subscribe(listener);
  }

  loadCorpora(tasks: readonly string[], offline: boolean): void {
    this.rpc.send({ kind: 'loadCorpora', tasks, offline });
  }

  /** Reads and detects a file in the worker; `id` names the file for buildUserTask. */
  async readUserFile(
    file: Blob,
    name: string,
    onProgress?: ReadProgress,
  ): Promise<{ id: number; preview: UserFilePreview }> {
    const onUpdate = (m: DataMessage) => {
      if (m.kind === 'userFileProgress') onProgress?.(m.progress);
    };
    const reply = await this.rpc.request((id) => ({ kind: 'readUserFile', id, file, name }), 'userFile', onUpdate);
    return { id: reply.id, preview: reply.preview };
  }

  /** Turns the file read under `fileId` into a task. */
  async buildUserTask(fileId: number, task: UserTaskChoice): Promise<{ data: TaskData; spec: TaskSpec }> {
    const reply = await this.rpc.request((id) => ({ kind: 'buildUserTask', id, file: fileId, task }), 'userTask');
    return { data: reply.data, spec: reply.spec };
  }

  terminate(): void {
    this.rpc.terminate();
  }
}
