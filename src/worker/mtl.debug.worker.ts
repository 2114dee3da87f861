/// <reference lib="webworker" />
import * as tf from '../tf';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { measuringBackendSelector } from './backend';
import { indexedDbCalibrationStore } from './calibrationStore';
import { createDebugWorkerHandler } from './debugHandler';
import type { DebugWorkerRequest, WorkerMessage } from './protocol';

// The training worker for the browser tests: the product's handler with faults
// to inject (debugHandler). Only a dev build opened with ?debug=1 starts it (app/run/useRunner.ts).
const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createDebugWorkerHandler({
  post: (message: WorkerMessage) => scope.postMessage(message),
  selectBackend: measuringBackendSelector(indexedDbCalibrationStore()),
  loseDevice: () => {
    const backend = tf.findBackend('webgpu');
    if (backend instanceof WebGPUBackend) backend.device.destroy();
  },
});
scope.onmessage = (event: MessageEvent<DebugWorkerRequest>) => handle(event.data);
