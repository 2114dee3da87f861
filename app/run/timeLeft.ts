import type { RunState } from './runStore';

/**
 * What the run is doing, in the words of the progress line: training,
 * validating (a fixed sample of each dev set, every few steps) or testing
 * (the whole dev and test sets, once, at the end).
 */
export function phaseLabel(status: RunState['status']): string {
  switch (status) {
    case 'validating':
      return 'validating on a sample of each dev set';
    case 'evaluating':
      return 'testing on the whole dev and test sets';
    default:
      return status;
  }
}

/**
 * How long the final scoring of the whole dev and test sets will take, from
 * what validation on samples has cost per example so far (`validationSample`
 * examples a task, or all of a small dev set). Null before the first validation.
 */
export function finalScoringMs(
  run: Pick<RunState, 'validations' | 'validationMsPerStep' | 'prepared' | 'points'>,
  validationSample: number,
): number | null {
  const step = run.points.at(-1)?.step ?? 0;
  const validations = run.validations.length;
  if (!run.prepared || validations === 0 || step === 0 || run.validationMsPerStep <= 0) return null;
  const perValidation = run.prepared.reduce(
    (n, t) => n + (validationSample > 0 ? Math.min(validationSample, t.valid) : t.valid),
    0,
  );
  if (perValidation === 0) return null;
  const msPerExample = (run.validationMsPerStep * step) / (validations * perValidation);
  return msPerExample * run.prepared.reduce((n, t) => n + t.valid + t.test, 0);
}

/**
 * Time left while training or validating: the steps to go at the step time
 * so far, the validations still to come at what they have cost per step so
 * far, and the final scoring (`finalMs`, from finalScoringMs; null until a
 * validation has shown its cost). Null before the step time is known and in
 * other phases.
 */
export function timeLeftMs(
  run: Pick<RunState, 'status' | 'msPerStep' | 'validationMsPerStep' | 'points'>,
  totalSteps: number,
  finalMs: number | null,
): number | null {
  if (!run.msPerStep || (run.status !== 'training' && run.status !== 'validating')) return null;
  const step = run.points.at(-1)?.step ?? 0;
  return Math.max(0, totalSteps - step) * (run.msPerStep + run.validationMsPerStep) + (finalMs ?? 0);
}
