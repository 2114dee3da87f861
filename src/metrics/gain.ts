/**
 * Relative multi-task gain Δm (Maninis, Radosavovic & Kokkinos 2019):
 *   Δm = (1/T)·Σ_i (−1)^{l_i}·(M_m,i − M_b,i)/M_b,i × 100,
 * l_i = 1 when lower is better, so a positive Δm means the multi-task model
 * beats the single-task baselines on average. Divides by |M_b,i| so the sign
 * keeps its meaning for negative metrics; a zero baseline gives NaN.
 */

export interface GainRow {
  task: string;
  single: number;
  multi: number;
  higherIsBetter: boolean;
}

export interface TaskGain {
  task: string;
  single: number;
  multi: number;
  /** multi − single, in the metric's own units. */
  difference: number;
  /** Signed relative change in percent; positive is better. */
  relative: number;
  /** The multi-task model is worse than the single-task baseline. */
  negativeTransfer: boolean;
}

export interface RelativeGain {
  perTask: TaskGain[];
  /** Mean of `relative` in percent; NaN when there are no rows. */
  deltaM: number;
}

export function relativeGain(rows: readonly GainRow[]): RelativeGain {
  const perTask = rows.map(({ task, single, multi, higherIsBetter }) => {
    const difference = multi - single;
    const sign = higherIsBetter ? 1 : -1;
    const relative = single === 0 ? Number.NaN : (sign * difference * 100) / Math.abs(single);
    return { task, single, multi, difference, relative, negativeTransfer: relative < 0 };
  });
  const deltaM =
    perTask.length === 0 ? Number.NaN : perTask.reduce((sum, row) => sum + row.relative, 0) / perTask.length;
  return { perTask, deltaM };
}
