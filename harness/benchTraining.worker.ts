/// <reference lib="webworker" />
import * as tf from '../src/tf';
import { measuringBackendSelector } from '../src/worker/backend';
import { memoryCalibrationStore } from '../src/worker/calibration';
import { createWorkerHandler } from '../src/worker/handler';
import type { WorkerMessage, WorkerRequest } from '../src/worker/protocol';
import type { BackendFlags, WithMemory, WorkerMemory } from './benchProtocol';

/**
 * The app's training worker (same handler, session and backend selection),
 * instrumented for `npm run bench`: each progress message also carries
 * tf.memory() with bytes, which the app's progress events do not. The
 * session emits synchronously right after it reads numTensors, so both
 * describe the same moment.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
// Backend flags for this benchmark run come in the worker's name (see harness.benchRun).
if (scope.name) tf.env().setFlags(JSON.parse(scope.name) as BackendFlags);

function memory(): WorkerMemory {
  const m = tf.memory() as tf.MemoryInfo &
    Partial<Record<'numBytesInGPU' | 'numBytesInGPUAllocated' | 'numBytesAllocatedInGPU', number>>;
  return {
    numTensors: m.numTensors,
    numDataBuffers: m.numDataBuffers,
    numBytes: m.numBytes,
    ...(m.numBytesInGPU === undefined ? {} : { numBytesInGPU: m.numBytesInGPU }),
    ...(m.numBytesInGPUAllocated === undefined ? {} : { numBytesInGPUAllocated: m.numBytesInGPUAllocated }),
    ...(m.numBytesAllocatedInGPU === undefined ? {} : { numBytesAllocatedInGPU: m.numBytesAllocatedInGPU }),
  };
}

const post = (message: WorkerMessage) => {
  const withMemory: WorkerMessage & WithMemory =
    message.kind === 'event' && message.event.type === 'progress' ? { ...message, memory: memory() } : message;
  scope.postMessage(withMemory);
};
// A fresh calibration each run: the bench reports what "Best available" measured.
const handle = createWorkerHandler({ post, selectBackend: measuringBackendSelector(memoryCalibrationStore()) });
scope.onmessage = (event: MessageEvent<WorkerRequest>) => handle(event.data);
