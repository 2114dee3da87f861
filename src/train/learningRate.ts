/** How the learning rate moves over a run: constant, or a cosine decay (after any warm-up) down to FLOOR of the rate at the last step. */
export type LearningRateSchedule = 'constant' | 'cosine';
export const LEARNING_RATE_SCHEDULES: readonly LearningRateSchedule[] = ['constant', 'cosine'];

/** The cosine schedule ends at this share of the rate, not at 0: the last steps still move the weights a little. */
const FLOOR = 0.1;

/**
 * The factor on the learning rate at `step` (1-based) of `steps`: a linear
 * warm-up over the first `warmupSteps` steps (at most a tenth of the run) (Adam's early steps are large while
 * its second-moment estimate is young), then constant or a cosine decay.
 */
export function learningRateFactor(
  schedule: LearningRateSchedule,
  warmupSteps: number,
  step: number,
  steps: number,
): number {
  // A short run (a test, a quick demo) warms up for at most a tenth of its steps.
  const warmup = Math.min(warmupSteps, Math.floor(steps / 10));
  if (warmup > 0 && step <= warmup) return step / warmup;
  if (schedule === 'constant') return 1;
  const span = Math.max(1, steps - warmup);
  const progress = Math.min(1, Math.max(0, (step - warmup) / span));
  return FLOOR + (1 - FLOOR) * 0.5 * (1 + Math.cos(Math.PI * progress));
}
