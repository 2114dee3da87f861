import type { BackendChoice } from '../config/experiment';
import { ConfigError, validateExperiment } from '../config/validate';
import { prepareData } from '../data/prepare';
import { Vocabulary } from '../data/vocabulary';
import type { BackendInfo, Checkpoint, FineTune } from '../train/events';
import { LoadedModel } from '../train/predictor';
import { TrainingSession } from '../train/session';
import { timeTrainingSteps } from '../train/stepTiming';
import type { CalibrationRequest } from './backend';
import { modelSizeKey } from './calibration';
import { assertNever, toWireError, type WorkerMessage, type WorkerRequest } from './protocol';

export interface HandlerDeps {
  readonly post: (message: WorkerMessage) => void;
  /**
   * Initialises a tfjs backend; the browser worker passes the WebGPU-aware one,
   * Node tests the CPU one. `onDeviceLost` is called if the GPU device goes away.
   */
  readonly selectBackend: (
    choice: BackendChoice,
    onDeviceLost: (reason: string) => void,
    calibration?: CalibrationRequest,
  ) => Promise<BackendInfo>;
}

/**
 * The worker's logic, free of `self`: the worker entry wires it to
 * onmessage, and tests drive it with a fake `post`. Every failure becomes an
 * `error` message; nothing fails silently.
 */
export function createWorkerHandler({ post, selectBackend }: HandlerDeps): (request: WorkerRequest) => void {
  let session: TrainingSession | null = null;
  let loaded: LoadedModel | null = null;
  let running = false;

  let deviceLostReason: string | null = null;
  const deviceLost = (reason: string) => {
    if (deviceLostReason !== null) return;
    deviceLostReason = reason;
    session?.stop();
    post({
      kind: 'error',
      error: {
        name: 'DeviceLost',
        message: `the GPU device was lost (${reason}). The curves so far are kept; train again on this or another backend.`,
      },
    });
  };

  const start = async (
    rawConfig: unknown,
    files: Parameters<typeof prepareData>[1],
    resume: Checkpoint | null,
    fineTune: FineTune | null,
    stepOnce: boolean,
  ) => {
    if (running) throw new Error('a run is already in progress: stop it before starting another');
    running = true;
    try {
      const config = validateExperiment(rawConfig);
      // "Best available" times the backends on this run's model, so it starts one once the data is ready.
      const measure = config.backend === 'auto';
      if (!measure) post({ kind: 'backend', info: await selectBackend(config.backend, deviceLost) });
      post({ kind: 'event', event: { type: 'state', state: 'preparing' } });
      const vocabulary = fineTune?.from.vocabulary;
      if (fineTune && !vocabulary)
        throw new ConfigError(
          'that saved run has no vocabulary with its weights (it was saved by an older version): it cannot be fine-tuned from',
        );
      const data = prepareData(
        config,
        files,
        vocabulary ? Vocabulary.fromTokens(vocabulary.tokens, vocabulary.lowercase) : undefined,
      );
      if (measure)
        post({
          kind: 'backend',
          info: await selectBackend('auto', deviceLost, {
            modelKey: modelSizeKey(config, data.tasks.length, data.vocabulary.size),
            time: (limits) => timeTrainingSteps(config, data, limits),
            onMeasuring: (backend) => post({ kind: 'measuring', backend }),
          }),
        });
      session?.dispose();
      session = null;
      loaded?.dispose();
      loaded = null;
      session = new TrainingSession(config, data, (event) => post({ kind: 'event', event }), resume, fineTune);
      if (stepOnce) session.step();
      await session.run();
    } finally {
      running = false;
    }
  };

  const report = (id?: number) => (err: unknown) =>
    post({ kind: 'error', ...(id === undefined ? {} : { id }), error: toWireError(err) });

  return (request) => {
    try {
      switch (request.kind) {
        case 'start':
          // A kernel that fails because the GPU went away may reject before device.lost
          // resolves: wait a moment so the user reads "device lost", not a raw GPU error.
          start(
            request.config,
            request.files,
            request.resume ?? null,
            request.fineTune ?? null,
            request.stepOnce === true,
          ).catch((err: unknown) => setTimeout(() => deviceLostReason === null && report()(err), 100));
          return;
        case 'pause':
          session?.pause();
          return;
        case 'resume':
          session?.resume();
          return;
        case 'step':
          session?.step();
          return;
        case 'stop':
          session?.stop();
          return;
        case 'setWeights':
          if (!session) throw new Error('there is no run to change weights of');
          session.setWeights(request.weights);
          return;
        case 'setLearningRate':
          if (!session) throw new Error('there is no run to change the learning rate of');
          session.setLearningRate(request.learningRate);
          return;
        case 'predict': {
          const current = session ?? loaded;
          if (!current) throw new Error('there is no model yet: train first');
          current
            .predict(request.text)
            .then((prediction) => post({ kind: 'prediction', id: request.id, prediction }), report(request.id));
          return;
        }
        case 'exportModel':
          if (!session) throw new Error('there is no trained model to export');
          session
            .exportModel({ withInitial: request.withInitial })
            .then((artifacts) => post({ kind: 'exported', id: request.id, artifacts }), report(request.id));
          return;
        case 'loadModel': {
          const id = request.id;
          const load = async () => {
            if (running) throw new Error('stop the current run before loading a model');
            await selectBackend('auto', deviceLost);
            const next = LoadedModel.load(request.artifacts);
            session?.dispose();
            session = null;
            loaded?.dispose();
            loaded = next;
            post({ kind: 'loaded', id, tasks: next.tasks });
          };
          load().catch(report(id));
          return;
        }
        case 'dispose':
          session?.stop();
          session?.dispose();
          session = null;
          loaded?.dispose();
          loaded = null;
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
