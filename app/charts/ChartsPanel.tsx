import { useMemo, useState } from 'react';
import {
  metricSeries,
  trainingLossSeries,
  validationLossSeries,
  validationNeedsPoints,
  type LossView,
  type RunCurves,
  type XAxisChoice,
} from './chartSeries';
import { SeriesChart } from './SeriesChart';
import type { LossPoint } from '../../src/train/events';

const NO_POINTS: readonly LossPoint[] = [];

/** The three live charts with their view controls; `overlays` are earlier runs drawn dashed. */
export function ChartsPanel({
  current,
  overlays,
  highlight = null,
}: {
  current: RunCurves;
  overlays: readonly RunCurves[];
  /** A task to pick out in every chart (the objective's term under the pointer). */
  highlight?: string | null;
}) {
  const [smoothing, setSmoothing] = useState(0.6);
  const [logScale, setLogScale] = useState(false);
  const [x, setX] = useState<XAxisChoice>('step');
  const [lossView, setLossView] = useState<LossView>('raw');
  const view = useMemo(
    () => ({ smoothing, logScale, xLabel: x === 'step' ? 'step' : 'examples seen' }),
    [smoothing, logScale, x],
  );
  const train = useMemo(
    () => [
      ...trainingLossSeries(current, x, false, lossView),
      ...overlays.flatMap((r) => trainingLossSeries(r, x, true, lossView)),
    ],
    [current, overlays, x, lossView],
  );
  // Validation curves change only when a validation lands (a new `validations` array): between validations those charts keep their
  // series and skip the training ticks. Training points matter to them only on the examples axis, for runs saved before
  // validation points carried their own examples count.
  const { id, name, tasks, validations } = current;
  const pointsForX = validationNeedsPoints(current, x) ? current.points : NO_POINTS;
  const validationRun = useMemo<RunCurves>(
    () => ({ id, name, tasks, points: pointsForX, validations }),
    [id, name, tasks, pointsForX, validations],
  );
  const valid = useMemo(
    () => [
      ...validationLossSeries(validationRun, x, false, lossView),
      ...overlays.flatMap((r) => validationLossSeries(r, x, true, lossView)),
    ],
    [validationRun, overlays, x, lossView],
  );
  const lossLabel = lossView === 'raw' ? 'loss' : 'loss ÷ first loss';
  const metrics = useMemo(
    () => [...metricSeries(validationRun, x), ...overlays.flatMap((r) => metricSeries(r, x, true))],
    [validationRun, overlays, x],
  );
  const unsmoothed = useMemo(() => ({ ...view, smoothing: 0 }), [view]);
  return (
    <section className="charts" aria-label="Charts">
      <div className="chart-controls">
        <label>
          Smoothing {smoothing.toFixed(2)}
          <input
            type="range"
            min={0}
            max={0.99}
            step={0.01}
            value={smoothing}
            onChange={(e) => setSmoothing(Number(e.target.value))}
          />
        </label>
        <label>
          <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} /> Log scale
        </label>
        <label className="select">
          Loss
          <select value={lossView} onChange={(e) => setLossView(e.target.value as LossView)}>
            <option value="raw">raw</option>
            <option value="relative">÷ each task's first loss</option>
          </select>
        </label>
        <label className="select">
          x axis
          <select value={x} onChange={(e) => setX(e.target.value as XAxisChoice)}>
            <option value="step">step</option>
            <option value="examples">examples seen</option>
          </select>
        </label>
      </div>
      <div className="chart-grid">
        <SeriesChart
          title="Training loss per task and weighted total"
          series={train}
          view={view}
          yLabel={lossLabel}
          highlight={highlight}
        />
        <SeriesChart
          title="Validation loss per task"
          series={valid}
          view={unsmoothed}
          yLabel={lossLabel}
          highlight={highlight}
        />
        <SeriesChart
          title="Validation metric per task"
          series={metrics}
          view={unsmoothed}
          yLabel="score"
          unitInterval
          highlight={highlight}
        />
      </div>
    </section>
  );
}
