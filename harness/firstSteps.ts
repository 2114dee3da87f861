import * as tf from '@tensorflow/tfjs';
import { validateExperiment } from '../src/config/validate';
import { prepareData } from '../src/data/prepare';
import { COMPILE_AHEAD_FLAG } from '../src/train/compileAhead';
import { TrainingBatches } from '../src/train/session/batches';
import { sessionModel } from '../src/train/session/model';
import { Stepper } from '../src/train/session/stepper';
import { selectBackend } from '../src/worker/backend';
import { sampleFiles } from '../app/shared/tasks';
import { DEFAULT_FORM, toExperiment } from '../app/settings/experimentForm';

export interface FirstSteps {
  readonly compileAhead: boolean;
  /** Pipelines compileAhead started (0 with it off). */
  readonly pipelines: number;
  /** compileAhead itself: running the passes compile-only and waiting for the pipelines. */
  readonly aheadMs: number;
  /** The first training step after it, to its losses read back. */
  readonly firstStepMs: number;
  /** Each later step, to its losses read back. */
  readonly laterStepMs: number[];
  /** Each step's total loss: the same with and without compiling ahead. */
  readonly totals: number[];
  /** tf.memory().numTensors after everything was disposed, less before the model was made: 0. */
  readonly tensorsLeft: number;
}

/**
 * Loaded into a page by `npm run bench:first-step` (a fresh browser each
 * time) and e2e/compileAhead.spec.ts: the page's default experiment (with
 * `overrides`) on the built-in samples, on the app's WebGPU backend started
 * afresh (no pipeline compiled in it yet), for `steps` steps.
 */
export async function timeFirstSteps(
  ahead: boolean,
  steps: number,
  overrides: Record<string, unknown> = {},
): Promise<FirstSteps> {
  tf.env().set(COMPILE_AHEAD_FLAG, ahead);
  await selectBackend('webgpu');
  const config = validateExperiment({ ...toExperiment(DEFAULT_FORM), ...overrides });
  const tensorsBefore = tf.memory().numTensors;
  const data = prepareData(config, sampleFiles());
  const model = sessionModel(config, data, null, null);
  const stepper = new Stepper(model, config);
  const batches = new TrainingBatches(data, config);
  const names = data.tasks.map((t) => t.spec.name);
  const trained = names.map((_, i) => i);
  const totals: number[] = [];
  const times: number[] = [];
  const compiled = { pipelines: 0, ms: 0 };
  try {
    const first = batches.next(names);
    const started = performance.now();
    compiled.pipelines = await stepper.compileAhead(first, config.weights);
    compiled.ms = performance.now() - started;
    for (let step = 1; step <= steps; step++) {
      const from = performance.now();
      const row = stepper.take(step, trained, step === 1 ? first : batches.next(names), config.weights);
      const values = await row.data();
      row.dispose();
      times.push(performance.now() - from);
      totals.push(values[names.length] as number);
    }
  } finally {
    stepper.dispose();
    model.dispose();
  }
  return {
    compileAhead: ahead,
    pipelines: compiled.pipelines,
    aheadMs: compiled.ms,
    firstStepMs: times[0] as number,
    laterStepMs: times.slice(1),
    totals,
    tensorsLeft: tf.memory().numTensors - tensorsBefore,
  };
}
