import type { RunResult } from '../src/train/events';
import type { RunCurves } from './chartSeries';
import { headlineMetric } from '../src/metrics/taskMetrics';
import { taskInfo } from './tasks';

export interface FinishedRun extends RunCurves {
  readonly result: RunResult;
}

interface Props {
  readonly runs: readonly FinishedRun[];
  readonly overlaid: ReadonlySet<string>;
  readonly onToggle: (id: string) => void;
}

/** The runs done so far; any can be overlaid on the charts as dashed lines. */
export function RunsList({ runs, overlaid, onToggle }: Props) {
  if (runs.length === 0) return null;
  return (
    <section className="runs" aria-label="Runs so far">
      <h2>Runs so far</h2>
      <ul>
        {runs.map((r) => (
          <li key={r.id}>
            <label>
              <input type="checkbox" checked={overlaid.has(r.id)} onChange={() => onToggle(r.id)} /> Overlay {r.label}
            </label>
            <small>
              {Object.entries(r.result.test)
                .map(([name, m]) => {
                  const h = headlineMetric(taskInfo(name).spec.kind, m);
                  return `${taskInfo(name).title} ${h.name} ${(h.value * 100).toFixed(1)}%`;
                })
                .join(' · ')}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
