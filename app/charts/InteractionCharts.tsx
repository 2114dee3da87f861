import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { conflictShare } from '../../src/metrics/gradientConflict';
import type { LossPoint } from '../../src/train/events';
import { ChartLegend } from './ChartLegend';
import { useOneAtATime } from './oneAtATime';
import { taskInfo } from '../shared/tasks';
import { Explain } from '../shared/Explain';

/** At most this many points per chart: redraws stay cheap on long runs. */
const MAX_POINTS = 100;
const PAIR_COLOURS = ['#7c3aed', '#0891b2', '#ca8a04', '#db2777', '#16a34a', '#ea580c'];

function thin<T>(rows: readonly T[]): T[] {
  if (rows.length <= MAX_POINTS) return [...rows];
  const every = Math.ceil(rows.length / MAX_POINTS);
  return rows.filter((_, i) => i % every === 0 || i === rows.length - 1);
}

/** A task's title, or a pair's titles ("ner·pos" → "NER · POS"). */
const keyTitle = (key: string) =>
  key
    .split('·')
    .map((t) => taskInfo(t).title)
    .join(' · ');
const taskColour = (key: string) => taskInfo(key).colour;
const pairColour = (_: string, i: number) => PAIR_COLOURS[i % PAIR_COLOURS.length] as string;

interface Drawn {
  readonly rows: Record<string, number>[];
  readonly keys: readonly string[];
}

/** One chart; its new rows are drawn one chart at a time (useOneAtATime), so a refresh of all three is three short tasks, not one long one. */
function Chart({
  title,
  rows,
  keys,
  colour,
  yDomain,
  zeroLine,
  empty,
}: {
  title: string;
  rows: Record<string, number>[];
  keys: readonly string[];
  colour: (key: string, i: number) => string;
  yDomain?: [number, number];
  zeroLine?: boolean;
  /** Shown over the empty frame until there are rows: the chart is mounted before them (see SeriesChart). */
  empty: string;
}) {
  const drawn = useOneAtATime(useMemo<Drawn>(() => ({ rows, keys }), [rows, keys]));
  const legend = useMemo(() => keys.map((k, i) => ({ name: keyTitle(k), colour: colour(k, i) })), [keys, colour]);
  return (
    <figure className="chart" aria-label={title} data-points={rows.length}>
      <figcaption>
        {title} <Explain topic={title} />
      </figcaption>
      <div className="plot">
        <Plot drawn={drawn} colour={colour} yDomain={yDomain} zeroLine={zeroLine === true} />
        {rows.length === 0 && <p className="empty">{empty}</p>}
      </div>
      <ChartLegend entries={legend} />
    </figure>
  );
}

const Plot = memo(function Plot({
  drawn,
  colour,
  yDomain,
  zeroLine,
}: {
  drawn: Drawn;
  colour: (key: string, i: number) => string;
  yDomain: [number, number] | undefined;
  zeroLine: boolean;
}) {
  return (
    <ResponsiveContainer width="100%" height={180}>
      <LineChart data={drawn.rows} margin={{ top: 5, right: 12, bottom: 5, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} interval={0} />
        <YAxis domain={yDomain ?? ['auto', 'auto']} width={48} interval={0} />
        {zeroLine && <ReferenceLine y={0} stroke="#475569" strokeDasharray="4 3" />}
        <Tooltip isAnimationActive={false} />
        {drawn.keys.map((k, i) => (
          <Line
            key={k}
            dataKey={k}
            name={keyTitle(k)}
            stroke={colour(k, i)}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
});

const UNIT: [number, number] = [0, 1];
const NOT_MEASURED =
  'Gradient cosines appear when they are measured (hard sharing, two tasks or more, “Measure gradient cosines every … steps” above 0).';
const COSINE: [number, number] = [-1, 1];

/**
 * How tasks interact during the current run: the effective weights (set by
 * hand or by the method), the cosine between task gradients on the shared
 * encoder (below 0: they conflict), each task's share of the shared-gradient
 * norm, and which task each step trained.
 */
export const InteractionCharts = memo(
  InteractionChartsNow,
  // Redrawn when `refresh` changes (every 25 points while training), not on every tick: three recharts charts are not cheap.
  (prev, next) => prev.refresh === next.refresh && prev.tasks.join() === next.tasks.join(),
);

function InteractionChartsNow({
  points,
  tasks,
}: {
  points: readonly LossPoint[];
  tasks: readonly string[];
  refresh: number;
}) {
  const weightRows = thin(points.filter((p) => p.weights).map((p) => ({ step: p.step, ...p.weights })));
  const measured = points.filter((p) => p.cosines);
  const cosineRows = thin(measured.map((p) => ({ step: p.step, ...p.cosines })));
  const shareRows = thin(measured.map((p) => ({ step: p.step, ...p.shares })));
  const pairs = [...new Set(measured.flatMap((p) => Object.keys(p.cosines ?? {})))];
  const conflicts = pairs.map((pair) => ({ pair, ...conflictShare(measured.map((p) => p.cosines?.[pair])) }));
  const scheduled = points.filter((p) => p.trained).slice(-120);
  return (
    <section className="interaction" aria-label="Task interaction">
      <h2>How the tasks interact</h2>
      <Explain topic="How the tasks interact" />
      <Chart
        title="Effective task weights"
        rows={weightRows}
        keys={tasks}
        colour={taskColour}
        empty="No points yet: press Train."
      />
      <Chart
        title="Gradient cosine between tasks (shared encoder)"
        rows={cosineRows}
        keys={pairs}
        colour={pairColour}
        yDomain={COSINE}
        zeroLine
        empty={NOT_MEASURED}
      />
      {pairs.length > 0 && (
        <p className="note conflicts">
          Steps where the gradients conflict (cosine &lt; 0):{' '}
          {conflicts
            .map(
              (c) =>
                `${c.pair
                  .split('·')
                  .map((t) => taskInfo(t).title)
                  .join('–')} ${(c.share * 100).toFixed(0)} % of ${c.n}`,
            )
            .join(' · ')}
        </p>
      )}
      <Chart
        title="Share of the shared-gradient norm"
        rows={shareRows}
        keys={tasks}
        colour={taskColour}
        yDomain={UNIT}
        empty="Measured with the gradient cosines."
      />
      {scheduled.length > 0 && (
        <figure className="schedule-strip" aria-label="Task trained at each step">
          <figcaption>Task trained at each of the last {scheduled.length} steps</figcaption>
          <svg
            width="100%"
            height="16"
            viewBox={`0 0 ${scheduled.length} 1`}
            preserveAspectRatio="none"
            role="img"
            aria-label={scheduled.map((p) => p.trained?.join('+')).join(' ')}
          >
            {scheduled.map((p, i) => (
              <rect key={p.step} x={i} y={0} width={1} height={1} fill={taskInfo(p.trained?.[0] ?? '').colour} />
            ))}
          </svg>
        </figure>
      )}
    </section>
  );
}
