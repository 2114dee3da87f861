import type { BackendChoice } from '../config/experiment';
import { validateExperiment } from '../config/validate';
import { prepareData } from '../data/prepare';
import type { BackendInfo } from '../train/events';
import { TrainingSession } from '../train/session';
import { assertNever, toWireError, type WorkerMessage, type WorkerRequest } from './protocol';

export interface HandlerDeps {
  readonly post: (message: WorkerMessage) => void;
  /** Initialises a tfjs backend; the browser worker passes the WebGPU-aware one, Node tests the CPU one. */
  readonly selectBackend: (choice: BackendChoice) => Promise<BackendInfo>;
}

/**
 * The worker's logic, free of `self`: the worker entry wires it to
 * onmessage, and tests drive it with a fake `post`. Every failure becomes an
 * `error` message; nothing fails silently.
 */
export function createWorkerHandler({ post, selectBackend }: HandlerDeps): (request: WorkerRequest) => void {
  let session: TrainingSession | null = null;
  let running = false;

  const start = async (rawConfig: unknown, files: Parameters<typeof prepareData>[1]) => {
    if (running) throw new Error('a run is already in progress: stop it before starting another');
    running = true;
    try {
      const config = validateExperiment(rawConfig);
      post({ kind: 'backend', info: await selectBackend(config.backend) });
      post({ kind: 'event', event: { type: 'state', state: 'preparing' } });
      const data = prepareData(config, files);
      session?.dispose();
      session = null;
      session = new TrainingSession(config, data, (event) => post({ kind: 'event', event }));
      await session.run();
    } finally {
      running = false;
    }
  };

  const report = (id?: number) => (err: unknown) => post({ kind: 'error', ...(id === undefined ? {} : { id }), error: toWireError(err) });

  return (request) => {
    try {
      switch (request.kind) {
        case 'start':
          start(request.config, request.files).catch(report());
          return;
        case 'pause':
          session?.pause();
          return;
        case 'resume':
          session?.resume();
          return;
        case 'stop':
          session?.stop();
          return;
        case 'setWeights':
          if (!session) throw new Error('there is no run to change weights of');
          session.setWeights(request.weights);
          return;
        case 'predict': {
          const current = session;
          if (!current) throw Object.assign(new Error('there is no model yet: train first'), { id: request.id });
          current.predict(request.text).then((prediction) => post({ kind: 'prediction', id: request.id, prediction }), report(request.id));
          return;
        }
        case 'dispose':
          session?.stop();
          session?.dispose();
          session = null;
          post({ kind: 'disposed', id: request.id });
          return;
        default:
          assertNever(request);
      }
    } catch (err) {
      const id = 'id' in request && typeof request.id === 'number' ? request.id : undefined;
      report(id)(err);
    }
  };
}
