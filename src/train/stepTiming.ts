import type { ExperimentConfig } from '../config/experiment';
import type { PreparedData } from '../data/prepare';
import { TrainingBatches } from './session/batches';
import { sessionModel } from './session/model';
import { Stepper } from './session/stepper';

export interface StepTiming {
  /** Milliseconds per training step after the first. */
  readonly msPerStep: number;
  /** Steps timed after the first (0 when the first step alone went past the budget). */
  readonly timedSteps: number;
  /** The first step, shader compilation included. */
  readonly firstStepMs: number;
}

/**
 * Times this experiment's training step on the active backend: one step to
 * compile the kernels, then up to `steps` more, stopping once `budgetMs` has
 * passed. When the first step alone took longer than the budget, no more
 * are taken and it stands in for the step time (an overestimate, since it
 * includes compilation: the backend being timed is already the slower one).
 * Trains a throwaway copy of the run's model on the run's first batches, so
 * the run itself draws the same batches and weights as without it.
 */
export async function timeTrainingSteps(
  config: ExperimentConfig,
  data: PreparedData,
  { steps = 3, budgetMs = 5_000 }: { steps?: number; budgetMs?: number } = {},
): Promise<StepTiming> {
  const model = sessionModel(config, data, null, null);
  const stepper = new Stepper(model, config);
  const batches = new TrainingBatches(data, config);
  const names = data.tasks.map((t) => t.spec.name);
  const trained = names.map((_, i) => i);
  const step = async (n: number) => {
    const row = stepper.take(n, trained, batches.next(names), config.weights);
    try {
      await row.data();
    } finally {
      row.dispose();
    }
  };
  try {
    const started = performance.now();
    await step(1);
    const firstStepMs = performance.now() - started;
    if (firstStepMs > budgetMs) return { msPerStep: firstStepMs, timedSteps: 0, firstStepMs };
    const timedFrom = performance.now();
    let timedSteps = 0;
    while (timedSteps < steps && (timedSteps === 0 || performance.now() - started < budgetMs))
      await step(2 + timedSteps++);
    return { msPerStep: (performance.now() - timedFrom) / timedSteps, timedSteps, firstStepMs };
  } finally {
    stepper.dispose();
    model.dispose();
  }
}
