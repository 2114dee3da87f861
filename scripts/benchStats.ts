import type { LossPoint, TrainingEvent } from '../src/train/events';

/** A window of training steps between two progress events, and the time the session spent on it. */
export interface TimedWindow {
  readonly firstStep: number;
  readonly steps: number;
  readonly ms: number;
}

type Progress = Extract<TrainingEvent, { type: 'progress' }>;

/**
 * Per-window times from the session's progress events. A progress event's
 * `msPerStep` is cumulative: time over steps of every window after the
 * first (which holds shader compilation). So window k took
 * msPerStep_k·T_k − msPerStep_{k−1}·T_{k−1}, T being the timed steps so far.
 * Validation time is excluded by the session; a run with validation inside
 * a window still times right, since the session moves the window start.
 */
export function timedWindows(events: readonly TrainingEvent[]): TimedWindow[] {
  const progress = events.filter((e): e is Progress => e.type === 'progress');
  const out: TimedWindow[] = [];
  let timedSteps = 0;
  let timedMs = 0;
  progress.forEach((e, i) => {
    if (i === 0 || e.points.length === 0) return;
    const steps = e.points.length;
    const total = e.msPerStep * (timedSteps + steps);
    out.push({ firstStep: (e.points[0] as LossPoint).step, steps, ms: total - timedMs });
    timedSteps += steps;
    timedMs = total;
  });
  return out;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median over windows of the window's mean milliseconds per step. */
export function medianMsPerStep(windows: readonly TimedWindow[]): number | null {
  return median(windows.map((w) => w.ms / w.steps));
}

/**
 * The baseline's per-step times cut into windows like the session's: the
 * first `every` steps are warm-up (kernel compilation) and left out.
 */
export function baselineWindows(stepMs: readonly number[], every: number): TimedWindow[] {
  const out: TimedWindow[] = [];
  for (let start = every; start < stepMs.length; start += every) {
    const slice = stepMs.slice(start, start + every);
    out.push({ firstStep: start + 1, steps: slice.length, ms: slice.reduce((a, b) => a + b, 0) });
  }
  return out;
}

/** The value reported by the progress event covering `step` (the first event whose last point is at or after it). */
export function atStep<T>(samples: readonly { readonly step: number; readonly value: T }[], step: number): T | null {
  return samples.find((s) => s.step >= step)?.value ?? null;
}

export const round = (value: number | null | undefined, digits = 1): number | null => {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
