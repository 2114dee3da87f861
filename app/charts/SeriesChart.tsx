import { memo, useEffect, useMemo, useRef, type RefObject } from 'react';
import { ChartLegend } from './ChartLegend';
import { useOneAtATime } from './oneAtATime';
import { saveChartPng } from './chartPng';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { downsample, mergeSeries, type ChartRow, type ChartSeries } from './series';
import { Explain } from '../shared/Explain';

const MAX_DRAWN = 150;

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
  /** A task whose curves stand out (the objective's term under the pointer); the others fade. */
  readonly highlight?: string | null;
}

/** 3 significant digits without trailing zeros: 0.512, 2.75, 1200. */
const format = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3))));

/**
 * A line per series; dashed lines are earlier runs overlaid. Smoothed lines, raw values in the tooltip.
 * New series reach the drawing one chart at a time (useOneAtATime), and the chart is mounted before
 * the first point, with its empty frame: mounting recharts costs far more than giving it data, and
 * mounting on the first point put that cost in the middle of training.
 */
export const SeriesChart = memo(function SeriesChart({
  title,
  series,
  view,
  yLabel,
  unitInterval,
  highlight = null,
}: Props) {
  const figure = useRef<HTMLElement>(null);
  const shown = useOneAtATime(series);
  const empty = series.every((s) => s.points.length === 0);
  const legendKey = series.map((s) => `${s.name}\t${s.colour}\t${s.dashed ? 1 : 0}`).join('\n');
  // Rebuilt only when a name, colour or dash changes, not on every tick.
  const legend = useMemo(
    () =>
      legendKey
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [name = '', colour = '', dashed] = line.split('\t');
          return { name, colour, dashed: dashed === '1' };
        }),
    [legendKey],
  );
  return (
    <figure
      ref={figure}
      className="chart"
      aria-label={title}
      data-points={series.map((s) => `${s.id}=${s.points.length}`).join(' ')}
      data-highlight={highlight ?? undefined}
    >
      <figcaption>
        {title}{' '}
        <small>
          ({yLabel} by {view.xLabel})
        </small>
        <button
          type="button"
          className="png"
          aria-label={`Save “${title}” as PNG`}
          disabled={empty}
          onClick={() =>
            figure.current &&
            void saveChartPng(figure.current, `${title.replace(/\W+/g, '-').toLowerCase()}.png`, title, series).catch(
              () => undefined,
            )
          }
        >
          PNG
        </button>
        <Explain topic={title} />
      </figcaption>
      <div className="plot">
        <Plot figure={figure} series={shown} view={view} unitInterval={unitInterval === true} highlight={highlight} />
        {empty && <p className="empty">No points yet: press Train.</p>}
      </div>
      <ChartLegend entries={legend} />
    </figure>
  );
});

const Plot = memo(function Plot({
  figure,
  series,
  view,
  unitInterval,
  highlight,
}: {
  figure: RefObject<HTMLElement | null>;
  series: readonly ChartSeries[];
  view: ChartView;
  unitInterval: boolean;
  highlight: string | null;
}) {
  // Counted for the bench (data-redraws): how often the chart really renders.
  const renders = useRef(0);
  useEffect(() => {
    renders.current += 1;
    figure.current?.setAttribute('data-redraws', String(renders.current));
  });
  const rows = useMemo(
    () => downsample(mergeSeries(series, view.smoothing), MAX_DRAWN) as ChartRow[],
    [series, view.smoothing],
  );
  const log = view.logScale && !unitInterval;
  // A log axis cannot show values ≤ 0.
  const data = log
    ? rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'x' || v > 0 ? v : NaN])))
    : rows;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
        {/* interval 0: every tick of recharts' ~5 nice ticks is drawn; the default measures each label in the DOM (a forced layout) to thin them. */}
        <XAxis
          dataKey="x"
          type="number"
          domain={['dataMin', 'dataMax']}
          tickFormatter={(v: number) => format(v)}
          interval={0}
        />
        <YAxis
          width={56}
          interval={0}
          scale={log ? 'log' : 'auto'}
          domain={unitInterval ? [0, 1] : ['auto', 'auto']}
          allowDataOverflow={log}
          tickFormatter={(v: number) => format(v)}
        />
        <Tooltip
          labelFormatter={(x) => `${view.xLabel} ${String(x)}`}
          formatter={(value, name, item) => {
            const raw = (item.payload as ChartRow | undefined)?.[`${String(item.dataKey)}:raw`];
            const shown = typeof value === 'number' ? format(value) : String(value);
            return [raw !== undefined && view.smoothing > 0 ? `${shown} (raw ${format(raw)})` : shown, name];
          }}
        />
        {series.map((s) => {
          const lit = highlight !== null && s.id.endsWith(`:${highlight}`);
          return (
            <Line
              key={s.id}
              dataKey={s.id}
              name={s.name}
              stroke={s.colour}
              strokeDasharray={s.dashed ? '6 4' : undefined}
              strokeWidth={lit ? 4 : s.dashed ? 1.5 : 2}
              strokeOpacity={highlight === null || lit ? 1 : 0.25}
              className={s.dashed ? 'line overlay' : 'line'}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          );
        })}
      </LineChart>
    </ResponsiveContainer>
  );
});
