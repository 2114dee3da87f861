/// <reference lib="webworker" />
import { measuringBackendSelector } from './backend';
import { indexedDbCalibrationStore } from './calibrationStore';
import { createWorkerHandler } from './handler';
import type { WorkerMessage, WorkerRequest } from './protocol';

// Thin entry: all logic is in the handler, which tests drive directly.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createWorkerHandler({
  post: (message: WorkerMessage) => scope.postMessage(message),
  selectBackend: measuringBackendSelector(indexedDbCalibrationStore()),
});
scope.onmessage = (event: MessageEvent<WorkerRequest>) => handle(event.data);
