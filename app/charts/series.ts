/** Pure helpers for the charts: smoothing, merging series on one x axis, downsampling. */

export interface XY {
  readonly x: number;
  readonly y: number;
}

export interface ChartSeries {
  readonly id: string;
  readonly name: string;
  readonly colour: string;
  readonly dashed?: boolean;
  readonly points: readonly XY[];
}

/**
 * Exponential moving average as TensorBoard draws it, debiased so the first
 * points are not pulled towards 0. weight 0 = raw; non-finite values pass through.
 */
export function smooth(values: readonly number[], weight: number): number[] {
  let last = 0;
  let debias = 0;
  return values.map((v) => {
    if (!Number.isFinite(v) || weight <= 0) return v;
    last = last * weight + (1 - weight) * v;
    debias = debias * weight + (1 - weight);
    return last / debias;
  });
}

export type ChartRow = Record<string, number>;

/** One row per x, with `id` (smoothed) and `id:raw` keys for every series that has a point there. */
export function mergeSeries(series: readonly ChartSeries[], smoothing: number): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const s of series) {
    const smoothed = smooth(
      s.points.map((p) => p.y),
      smoothing,
    );
    s.points.forEach((p, i) => {
      let row = rows.get(p.x);
      if (!row) rows.set(p.x, (row = { x: p.x }));
      row[s.id] = smoothed[i] as number;
      row[`${s.id}:raw`] = p.y;
    });
  }
  return [...rows.values()].sort((a, b) => (a.x as number) - (b.x as number));
}

/** At most `max` rows for drawing, always keeping the first and the last; the full series stays elsewhere. */
export function downsample<T>(rows: readonly T[], max: number): readonly T[] {
  if (rows.length <= max) return rows;
  const stride = Math.ceil(rows.length / max);
  return rows.filter((_, i) => i % stride === 0 || i === rows.length - 1);
}
