import { headlineMetric } from '../../src/metrics/taskMetrics';
import type { LossPoint, ValidationPoint } from '../../src/train/events';
import type { ChartSeries } from './series';
import { TOTAL_COLOUR, taskInfo } from '../shared/tasks';

export type XAxisChoice = 'step' | 'examples';
/** Losses as they are, or divided by each task's first loss: token- and sentence-level losses sit on different scales. */
export type LossView = 'raw' | 'relative';

/** Divides by the first finite value, so every curve starts at 1; a curve without one stays as it is. */
function relativeTo(values: readonly number[]): number[] {
  const first = values.find((v) => Number.isFinite(v) && v !== 0);
  return first === undefined ? [...values] : values.map((v) => v / first);
}

/** What a chart needs of one run, current or finished. */
export interface RunCurves {
  readonly id: string;
  readonly name: string;
  readonly tasks: readonly string[];
  readonly points: readonly LossPoint[];
  readonly validations: readonly ValidationPoint[];
}

/** Steps → examples seen, from the training points: for validation points saved before they carried their own count. */
function examplesAt(points: readonly LossPoint[]): (step: number) => number {
  const byStep = new Map(points.map((p) => [p.step, p.examples]));
  const perStep = points.length > 0 ? (points.at(-1)?.examples ?? 0) / (points.at(-1)?.step ?? 1) : 0;
  return (step) => byStep.get(step) ?? step * perStep;
}

/** Where a run's validation points go on the x axis. */
function validationX(run: RunCurves, x: XAxisChoice): (v: ValidationPoint) => number {
  if (x === 'step') return (v) => v.step;
  const fallback = examplesAt(run.points);
  return (v) => v.examples ?? fallback(v.step);
}

/** Whether the validation charts need the training points: only on the examples axis, for validations without their own count. */
export function validationNeedsPoints(run: Pick<RunCurves, 'validations'>, x: XAxisChoice): boolean {
  return x === 'examples' && run.validations.some((v) => v.examples === undefined);
}

function suffix(run: RunCurves, overlay: boolean) {
  return overlay ? ` (${run.name})` : '';
}

export function trainingLossSeries(
  run: RunCurves,
  x: XAxisChoice,
  overlay = false,
  view: LossView = 'raw',
): ChartSeries[] {
  const at = (p: LossPoint) => (x === 'step' ? p.step : p.examples);
  const ys = (values: number[]) => (view === 'relative' ? relativeTo(values) : values);
  const xs = run.points.map(at);
  const tasks = run.tasks.map((name) => ({
    id: `${run.id}:${name}`,
    name: `${taskInfo(name).title}${suffix(run, overlay)}`,
    colour: taskInfo(name).colour,
    dashed: overlay,
    points: ys(run.points.map((p) => p.losses[name] ?? NaN)).map((y, i) => ({ x: xs[i] as number, y })),
  }));
  const total = {
    id: `${run.id}:total`,
    name: `weighted total${suffix(run, overlay)}`,
    colour: TOTAL_COLOUR,
    dashed: true,
    points: ys(run.points.map((p) => p.total)).map((y, i) => ({ x: xs[i] as number, y })),
  };
  return overlay ? tasks : [...tasks, total];
}

export function validationLossSeries(
  run: RunCurves,
  x: XAxisChoice,
  overlay = false,
  view: LossView = 'raw',
): ChartSeries[] {
  const at = validationX(run, x);
  return run.tasks.map((name) => {
    const values = run.validations.map((v) => v.losses[name] ?? NaN);
    const ys = view === 'relative' ? relativeTo(values) : values;
    return {
      id: `${run.id}:${name}`,
      name: `${taskInfo(name).title}${suffix(run, overlay)}`,
      colour: taskInfo(name).colour,
      dashed: overlay,
      points: run.validations.map((v, i) => ({ x: at(v), y: ys[i] as number })),
    };
  });
}

/** Each task's headline validation metric: entity F1 for NER, accuracy otherwise. */
export function metricSeries(run: RunCurves, x: XAxisChoice, overlay = false): ChartSeries[] {
  const at = validationX(run, x);
  return run.tasks.map((name) => {
    const info = taskInfo(name);
    const first = run.validations.find((v) => v.metrics[name])?.metrics[name];
    const metricName = first ? headlineMetric(info.spec.kind, first).name : 'metric';
    return {
      id: `${run.id}:${name}`,
      name: `${info.title} ${metricName}${suffix(run, overlay)}`,
      colour: info.colour,
      dashed: overlay,
      points: run.validations.flatMap((v) => {
        const m = v.metrics[name];
        return m ? [{ x: at(v), y: headlineMetric(info.spec.kind, m).value }] : [];
      }),
    };
  });
}
