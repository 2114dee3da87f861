import type { ExperimentConfig } from '../config/experiment';
import type { PreparedData } from '../data/prepare';
import { TrainingBatches } from './session/batches';
import { sessionModel } from './session/model';
import { Stepper } from './session/stepper';

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
 * compile the kernels, then up to `steps` more within the limits. Trains a
 * throwaway copy of the run's model on the run's first batches, so the run
 * itself draws the same batches and weights as without it.
 */
export async function timeTrainingSteps(
  config: ExperimentConfig,
  data: PreparedData,
  { cutoffMs, budgetMs }: StepTimingLimits,
  steps = 3,
): Promise<StepTiming> {
  const model = sessionModel(config, data, null, null);
  const stepper = new Stepper(model, config);
  const batches = new TrainingBatches(data, config);
  const names = data.tasks.map((t) => t.spec.name);
  const trained = names.map((_, i) => i);
  const step = async (n: number, drawn = batches.next(names)) => {
    const row = stepper.take(n, trained, drawn, config.weights);
    try {
      await row.data();
    } finally {
      row.dispose();
    }
  };
  try {
    const started = performance.now();
    // As the run's own first step: its kernels compiled ahead where the backend can.
    const first = batches.next(names);
    await stepper.compileAhead(first, config.weights);
    await step(1, first);
    const firstStepMs = performance.now() - started;
    if (firstStepMs > cutoffMs) return { msPerStep: firstStepMs, firstStepMs, estimated: true };
    const timedFrom = performance.now();
    let timedSteps = 0;
    while (timedSteps < steps && (timedSteps === 0 || performance.now() - started < budgetMs))
      await step(2 + timedSteps++);
    return { msPerStep: (performance.now() - timedFrom) / timedSteps, firstStepMs, estimated: false };
  } finally {
    stepper.dispose();
    model.dispose();
  }
}
