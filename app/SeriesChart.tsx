import { memo, useEffect, useMemo, useRef } from 'react';
import { saveChartPng } from './chartPng';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { downsample, mergeSeries, type ChartRow, type ChartSeries } from './series';

const MAX_DRAWN = 300;

export interface ChartView {
  readonly smoothing: number;
  readonly logScale: boolean;
  readonly xLabel: string;
}

interface Props {
  readonly title: string;
  readonly series: readonly ChartSeries[];
  readonly view: ChartView;
  readonly yLabel: string;
  /** Metrics live in [0, 1]; losses do not. */
  readonly unitInterval?: boolean;
}

/** 3 significant digits without trailing zeros: 0.512, 2.75, 1200. */
const format = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3))));

/** A line per series; dashed lines are earlier runs overlaid. Smoothed lines, raw values in the tooltip. */
export const SeriesChart = memo(function SeriesChart({ title, series, view, yLabel, unitInterval }: Props) {
  const figure = useRef<HTMLElement>(null);
  // Counted for the bench (data-redraws): how often the chart really renders.
  const renders = useRef(0);
  useEffect(() => {
    renders.current += 1;
    figure.current?.setAttribute('data-redraws', String(renders.current));
  });
  const rows = useMemo(() => downsample(mergeSeries(series, view.smoothing), MAX_DRAWN) as ChartRow[], [series, view.smoothing]);
  const log = view.logScale && !unitInterval;
  // A log axis cannot show values ≤ 0.
  const data = log ? rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'x' || v > 0 ? v : NaN]))) : rows;
  return (
    <figure ref={figure} className="chart" aria-label={title} data-points={series.map((s) => `${s.id}=${s.points.length}`).join(' ')}>
      <figcaption>
        {title} <small>({yLabel} by {view.xLabel})</small>
        <button type="button" className="png" aria-label={`Save “${title}” as PNG`} disabled={series.every((s) => s.points.length === 0)}
          onClick={() => figure.current && void saveChartPng(figure.current, `${title.replace(/\W+/g, '-').toLowerCase()}.png`, title, series).catch(() => undefined)}>PNG</button>
      </figcaption>
      {series.every((s) => s.points.length === 0) ? (
        <p className="empty">No points yet: press Train.</p>
      ) : (
        <ResponsiveContainer width="100%" height={200}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
            <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(v: number) => format(v)} />
            <YAxis width={56} scale={log ? 'log' : 'auto'} domain={unitInterval ? [0, 1] : ['auto', 'auto']} allowDataOverflow={log}
              tickFormatter={(v: number) => format(v)} />
            <Tooltip
              labelFormatter={(x) => `${view.xLabel} ${String(x)}`}
              formatter={(value, name, item) => {
                const raw = (item.payload as ChartRow | undefined)?.[`${String(item.dataKey)}:raw`];
                const shown = typeof value === 'number' ? format(value) : String(value);
                return [raw !== undefined && view.smoothing > 0 ? `${shown} (raw ${format(raw)})` : shown, name];
              }}
            />
            <Legend />
            {series.map((s) => (
              <Line key={s.id} dataKey={s.id} name={s.name} stroke={s.colour} strokeDasharray={s.dashed ? '6 4' : undefined}
                strokeWidth={s.dashed ? 1.5 : 2} dot={false} isAnimationActive={false} connectNulls />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
});
