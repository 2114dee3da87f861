import { MtlWorkerClient } from './client';
import type { DebugWorkerRequest, WorkerFault } from './protocol';

/**
 * A client of the training worker's debug entry (mtl.debug.worker.ts) that
 * can also inject its faults. For browser tests only: app/run/useRunner.ts
 * imports this module in a dev build opened with ?debug=1, and the
 * production build has neither it nor the debug worker.
 */
export class DebugMtlWorkerClient extends MtlWorkerClient {
  private readonly worker: Worker;

  constructor() {
    const worker = new Worker(new URL('./mtl.debug.worker.ts', import.meta.url), { type: 'module' });
    super(() => worker);
    this.worker = worker;
  }

  inject(fault: WorkerFault): void {
    if (!this.alive) throw new Error('the training worker is not running');
    const request: DebugWorkerRequest = { kind: 'fault', fault };
    this.worker.postMessage(request);
  }
}

/** The faults the page offers the browser tests (window.mtlDebug), each aimed at the current worker. */
export function faultHooks(current: () => MtlWorkerClient | null) {
  const inject = (fault: WorkerFault) => {
    const client = current();
    if (client instanceof DebugMtlWorkerClient) client.inject(fault);
  };
  return {
    crashWorker: () => inject('crash'),
    explodeLearningRate: () => inject('explodeLearningRate'),
    loseDevice: () => inject('loseDevice'),
  };
}
