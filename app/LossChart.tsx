import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LossPoint } from '../src/train/events';
import { BUILT_IN_TASKS, TOTAL_COLOUR } from './tasks';

const MAX_DRAWN = 400;

/** Every n-th point so long runs draw quickly; the full series stays in the store. */
function downsample<T>(points: readonly T[]): readonly T[] {
  if (points.length <= MAX_DRAWN) return points;
  const stride = Math.ceil(points.length / MAX_DRAWN);
  return points.filter((_, i) => i % stride === 0 || i === points.length - 1);
}

export function LossChart({ points, tasks }: { points: readonly LossPoint[]; tasks: readonly string[] }) {
  const data = downsample(points).map((p) => ({ step: p.step, total: p.total, ...p.losses }));
  return (
    <figure className="chart" aria-label="Training loss per task">
      <figcaption>Training loss</figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} label={{ value: 'step', position: 'insideBottomRight', offset: -4 }} />
          <YAxis width={48} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Legend />
          {BUILT_IN_TASKS.filter((t) => tasks.includes(t.spec.name)).map((t) => (
            <Line key={t.spec.name} dataKey={t.spec.name} name={t.title} stroke={t.colour} dot={false} isAnimationActive={false} />
          ))}
          <Line dataKey="total" name="weighted total" stroke={TOTAL_COLOUR} strokeDasharray="5 3" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
