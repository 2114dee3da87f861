/// <reference lib="webworker" />
import { selectBackend } from './backend';
import { createWorkerHandler } from './handler';
import type { WorkerMessage, WorkerRequest } from './protocol';

// Thin entry: all logic is in the handler, which tests drive directly.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createWorkerHandler({ post: (message: WorkerMessage) => scope.postMessage(message), selectBackend });
scope.onmessage = (event: MessageEvent<WorkerRequest>) => handle(event.data);
