import { explodeNextLearningRate } from '../testing/faults';
import { createWorkerHandler, type HandlerDeps } from './handler';
import { assertNever, type DebugWorkerRequest, type WorkerFault } from './protocol';

export interface DebugHandlerDeps extends HandlerDeps {
  /** Destroys the GPU device in use, as a driver reset would. */
  readonly loseDevice: () => void;
}

/**
 * The training worker's handler with the browser tests' faults on top: the
 * logic of the debug entry (mtl.debug.worker.ts), which only a dev build
 * loads. Every other request goes to the product's handler unchanged.
 */
export function createDebugWorkerHandler(deps: DebugHandlerDeps): (request: DebugWorkerRequest) => void {
  const handle = createWorkerHandler(deps);
  return (request) => {
    if (request.kind === 'fault') inject(request.fault, deps.loseDevice);
    else handle(request);
  };
}

function inject(fault: WorkerFault, loseDevice: () => void): void {
  switch (fault) {
    case 'crash':
      // Outside any handler, as a real crash would be: the page's worker gets an error event.
      setTimeout(() => {
        throw new Error('crash requested by a test');
      });
      return;
    case 'explodeLearningRate':
      explodeNextLearningRate();
      return;
    case 'loseDevice':
      loseDevice();
      return;
    default:
      assertNever(fault);
  }
}
