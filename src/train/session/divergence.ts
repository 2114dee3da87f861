import type { LossPoint, TrainingEvent } from '../events';
import type { Checkpoints } from './checkpoints';

/** The loss of a task became NaN or infinite. */
export class DivergenceError extends Error {
  override readonly name = 'DivergenceError';
  /** `task` is null when only the weighted total (with the soft-sharing penalty) broke. */
  constructor(
    readonly task: string | null,
    readonly step: number,
  ) {
    const what = task === null ? 'the weighted total loss' : `the loss of task "${task}"`;
    super(`${what} is not a finite number at step ${step}: training diverged. Try a smaller learning rate.`);
  }
}

/** Throws a DivergenceError at the first point with a loss (or total) that is not finite. */
export function checkFinite(points: readonly LossPoint[]): void {
  for (const p of points) {
    for (const [task, loss] of Object.entries(p.losses)) {
      if (!Number.isFinite(loss)) throw new DivergenceError(task, p.step);
    }
    if (!Number.isFinite(p.total)) throw new DivergenceError(null, p.step);
  }
}

/**
 * Puts the model back to its last good weights and lets Adam start afresh
 * (`resetOptimizers`, with the user's learning rate); returns the event that tells the page.
 */
export function recoverFromDivergence(
  err: DivergenceError,
  checkpoints: Checkpoints,
  resetOptimizers: () => void,
): Extract<TrainingEvent, { type: 'diverged' }> {
  const restoredStep = checkpoints.restoreLastGood();
  resetOptimizers();
  const message = `${err.message} Training is paused and the weights are back to step ${restoredStep}; lower the learning rate, then Resume.`;
  return { type: 'diverged', task: err.task, step: err.step, restoredStep, message };
}
