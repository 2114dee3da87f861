import type { ExperimentConfig } from '../config/experiment';
import type { PreparedData } from '../data/prepare';
import { ThrowawaySteps } from './session/throwawaySteps';

export interface StepTiming {
  /** Milliseconds per training step after the first (the first step's, when `estimated`). */
  readonly msPerStep: number;
  /** The first step, kernel compilation included (ahead of it, where the backend compiles ahead). */
  readonly firstStepMs: number;
  /** True when the first step went past `cutoffMs` and stands in for the step time (an overestimate). */
  readonly estimated: boolean;
}

export interface StepTimingLimits {
  /** A first step longer than this ends the timing there. */
  readonly cutoffMs: number;
  /** Steps after the first are timed (at least one) until this much time has passed since the start. */
  readonly budgetMs: number;
}

/**
 * Times this experiment's training step on the active backend: one step to
 * compile the kernels, then up to `steps` more on the same batches within
 * the limits. Trains a throwaway copy of the run's model on the run's first
 * batches, so the run itself draws the same batches and weights as without it.
 */
export async function timeTrainingSteps(
  config: ExperimentConfig,
  data: PreparedData,
  { cutoffMs, budgetMs }: StepTimingLimits,
  steps = 3,
): Promise<StepTiming> {
  const run = new ThrowawaySteps(config, data);
  try {
    const started = performance.now();
    // Every step trains on the run's first batches (see below for the timed ones).
    const first = run.draw();
    const step = async (n: number) => {
      const row = run.take(n, first);
      try {
        await row.data();
      } finally {
        row.dispose();
      }
    };
    // As the run's own first step: its kernels compiled ahead where the backend can.
    await run.compileAhead(first);
    await step(1);
    const firstStepMs = performance.now() - started;
    if (firstStepMs > cutoffMs) return { msPerStep: firstStepMs, firstStepMs, estimated: true };
    // The timed steps reuse the first step's batches: a new padded length would compile new kernels
    // (WebGL compiles a program per shape), which a long run pays once per length but a step or two of
    // timing would count as the step time. Measured 2026-12-04: WebGL timed 6.5 s a step on fresh
    // batches against 3.6 s over the run, so WebGPU (5.4 s over the run) was kept.
    const timedFrom = performance.now();
    let timedSteps = 0;
    while (timedSteps < steps && (timedSteps === 0 || performance.now() - started < budgetMs))
      await step(2 + timedSteps++);
    return { msPerStep: (performance.now() - timedFrom) / timedSteps, firstStepMs, estimated: false };
  } finally {
    run.dispose();
  }
}
