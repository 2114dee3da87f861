import * as tf from '@tensorflow/tfjs';
import { validateExperiment } from '../src/config/validate';
import { prepareData } from '../src/data/prepare';
import { COMPILE_AHEAD_FLAG } from '../src/train/compileAhead';
import { ThrowawaySteps } from '../src/train/session/throwawaySteps';
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
  const run = new ThrowawaySteps(config, data);
  const totals: number[] = [];
  const times: number[] = [];
  const compiled = { pipelines: 0, ms: 0 };
  try {
    const first = run.draw();
    const started = performance.now();
    compiled.pipelines = await run.compileAhead(first);
    compiled.ms = performance.now() - started;
    for (let step = 1; step <= steps; step++) {
      const from = performance.now();
      const row = run.take(step, step === 1 ? first : undefined);
      const values = await row.data();
      row.dispose();
      times.push(performance.now() - from);
      totals.push(values[run.taskCount] as number);
    }
  } finally {
    run.dispose();
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
