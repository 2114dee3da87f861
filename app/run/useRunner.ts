import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Checkpoint, FineTune, LossPoint, Prediction, ValidationPoint } from '../../src/train/events';
import type { ExperimentConfig } from '../../src/config/experiment';
import type { TaskFiles } from '../../src/data/prepare';
import type { ModelArtifacts } from '../../src/train/predictor';
import { MtlWorkerClient } from '../../src/worker/client';
import { RunStore, stepInFlight } from './runStore';

/** `?debug=1`: the page offers the browser tests and the soak script a window.mtlDebug to read its run from. */
const debugLink = new URLSearchParams(window.location.search).has('debug');
/**
 * Fault injection for the browser tests, in a dev build (the e2e server) only:
 * with ?debug=1 the page trains in the worker's debug entry and window.mtlDebug
 * can crash it, explode its learning rate or lose its GPU. Vite replaces
 * import.meta.env.DEV with false when it builds, so this import, the debug
 * worker and its faults are not in the production bundle (app/productBuild.test.ts checks).
 */
const debugWorker = import.meta.env.DEV && debugLink ? await import('../../src/worker/debugClient') : null;

/** Owns the worker client and the run store; the page calls these commands and renders the store. */
/**
 * A new worker wired to the store. An error that belongs to no request means
 * the run is over (bad setup, crash, lost GPU): that worker is ended so no
 * late event from it can change the page; Continue starts a new one.
 */
function connect(store: RunStore): MtlWorkerClient {
  const client = debugWorker ? new debugWorker.DebugMtlWorkerClient() : new MtlWorkerClient();
  client.subscribe((m) => {
    store.apply(m);
    if (m.kind === 'error' && m.id === undefined) client.terminate();
  });
  return client;
}

type Files = Readonly<Record<string, TaskFiles>>;

export function useRunner() {
  const store = useMemo(() => new RunStore(), []);
  const client = useRef<MtlWorkerClient | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => () => client.current?.terminate(), []);

  /** Ends the current worker, readies the store, and starts a new worker (from a checkpoint when given). */
  const launch = useCallback(
    (
      config: ExperimentConfig,
      files: Files,
      readyStore: () => void,
      checkpoint?: Checkpoint,
      fineTune?: FineTune,
      stepOnce = false,
    ) => {
      client.current?.terminate();
      const next = connect(store);
      readyStore();
      next.start(config, files, checkpoint, fineTune, stepOnce);
      client.current = next;
      setGeneration((g) => g + 1);
    },
    [store],
  );

  /** A new run; with `fineTune`, from a saved run's shared encoder; with `stepOnce`, paused after its first step. */
  const start = useCallback(
    (config: ExperimentConfig, files: Files, fineTune?: FineTune, stepOnce = false) =>
      launch(
        config,
        files,
        () => {
          store.reset();
          if (stepOnce) store.markStep();
        },
        undefined,
        fineTune,
        stepOnce,
      ),
    [launch, store],
  );

  /** A fresh worker takes over a run from its last checkpoint (after a crash or a lost GPU); the curves stay. */
  const continueFrom = useCallback(
    (config: ExperimentConfig, files: Files, checkpoint: Checkpoint, fineTune?: FineTune) =>
      launch(config, files, () => store.continueFrom(checkpoint), checkpoint, fineTune),
    [launch, store],
  );

  /** A run interrupted in an earlier visit: its curves come back and a new worker continues from its checkpoint. */
  const resumeInterrupted = useCallback(
    (
      config: ExperimentConfig,
      files: Files,
      run: {
        points: readonly LossPoint[];
        validations: readonly ValidationPoint[];
        checkpoint: Checkpoint;
        fineTune?: FineTune;
      },
    ) => {
      const upTo = run.checkpoint.step;
      launch(
        config,
        files,
        () =>
          store.restore(
            run.points.filter((p) => p.step <= upTo),
            run.validations.filter((v) => v.step <= upTo),
          ),
        run.checkpoint,
        run.fineTune,
      );
    },
    [launch, store],
  );

  // Opened with ?debug=1: browser tests and the soak script read the run; in a dev build, tests inject faults too.
  useEffect(() => {
    if (!debugLink) return;
    const w = window as unknown as { mtlDebug?: Record<string, () => unknown> };
    w.mtlDebug = {
      ...debugWorker?.faultHooks(() => client.current),
      steps: () => store.get().points.map((p) => p.step),
      lastPoint: () => store.get().points.at(-1) ?? null,
      state: () => {
        const s = store.get();
        return {
          status: s.status,
          points: s.points.length,
          lastStep: s.points.at(-1)?.step ?? 0,
          tensors: s.tensors,
          msPerStep: s.msPerStep,
        };
      },
    };
    return () => {
      delete w.mtlDebug;
    };
  }, [store]);

  /** A worker for loading a model when no run has started one. */
  const ensureClient = useCallback(() => {
    if (!client.current?.alive) client.current = connect(store);
    return client.current;
  }, [store]);

  const reset = useCallback(() => {
    client.current?.terminate();
    client.current = null;
    store.clear();
  }, [store]);

  // One stable object, so callbacks that use it do not change every render.
  return useMemo(
    () => ({
      store,
      generation,
      start,
      reset,
      pause: () => client.current?.pause(),
      resume: () => client.current?.resume(),
      step: () => {
        // One step at a time: a second press before the first step's point arrives is not a second step.
        if (!client.current || stepInFlight(store.get())) return;
        store.markStep();
        client.current.step();
      },
      stop: () => client.current?.stop(),
      setWeights: (w: Readonly<Record<string, number>>) => client.current?.setWeights(w),
      setLearningRate: (lr: number) => client.current?.setLearningRate(lr),
      predict: (text: string): Promise<Prediction> => {
        const c = client.current;
        return c ? c.predict(text) : Promise.reject(new Error('there is no model yet: train first'));
      },
      exportModel: (withInitial = false): Promise<ModelArtifacts> => {
        const c = client.current;
        return c ? c.exportModel(withInitial) : Promise.reject(new Error('there is no trained model to export'));
      },
      loadModel: (artifacts: ModelArtifacts) => ensureClient().loadModel(artifacts),
      continueFrom,
      resumeInterrupted,
    }),
    [store, generation, start, reset, ensureClient, continueFrom, resumeInterrupted],
  );
}
