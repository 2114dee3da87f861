import type { ConfusionMatrix } from '../../src/metrics/confusion';
import type { TaskMetrics } from '../../src/metrics/taskMetrics';
import type { RunResult } from '../../src/train/events';
import { taskInfo } from '../shared/tasks';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const CELL = 22;

/**
 * The confusion matrix drawn as a grid: one row per gold label, one column
 * per predicted label, each cell shaded by its share of the row (so a rare
 * tag's errors show as clearly as a frequent one's). Counts are in each
 * cell's tooltip and accessible name.
 */
function MatrixPicture({ matrix, task }: { matrix: ConfusionMatrix; task: string }) {
  const { labels, counts, support } = matrix;
  const margin = Math.min(90, 8 + 7 * Math.max(...labels.map((l) => l.length)));
  const size = margin + labels.length * CELL;
  return (
    <svg
      className="confusion"
      width={size}
      height={size + 14}
      viewBox={`0 0 ${size} ${size + 14}`}
      role="img"
      aria-label={`Confusion matrix of ${task}: rows are the gold labels, columns the predicted ones`}
    >
      <text x={margin} y={10} fontSize={11} fill="#334155">
        predicted →
      </text>
      {labels.map((label, j) => (
        <text
          key={`c${label}`}
          x={margin + j * CELL + CELL / 2}
          y={margin + 8}
          fontSize={10}
          fill="#0f172a"
          textAnchor="start"
          transform={`rotate(-60 ${margin + j * CELL + CELL / 2} ${margin + 8})`}
        >
          {label}
        </text>
      ))}
      {labels.map((label, i) => (
        <g key={`r${label}`}>
          <text x={margin - 4} y={margin + 14 + i * CELL + CELL / 2 + 3} fontSize={10} fill="#0f172a" textAnchor="end">
            {label}
          </text>
          {labels.map((predicted, j) => {
            const n = counts[i]?.[j] ?? 0;
            const share = (support[i] ?? 0) === 0 ? 0 : n / (support[i] as number);
            const right = i === j;
            return (
              <rect
                key={predicted}
                x={margin + j * CELL}
                y={margin + 14 + i * CELL}
                width={CELL - 1}
                height={CELL - 1}
                fill={
                  right
                    ? `rgba(21, 128, 61, ${0.08 + 0.92 * share})`
                    : `rgba(185, 28, 28, ${n === 0 ? 0.03 : 0.12 + 0.88 * share})`
                }
              >
                <title>{`gold ${label}, predicted ${predicted}: ${n} (${pct(share)} of ${label})`}</title>
              </rect>
            );
          })}
        </g>
      ))}
    </svg>
  );
}

function TaskLabelScores({ name, metrics }: { name: string; metrics: TaskMetrics }) {
  const { confusion, perLabel } = metrics;
  if (!confusion || !perLabel) return null;
  const title = taskInfo(name).title;
  const tagging = confusion.labels.length > 2 || metrics.f1 !== undefined;
  return (
    <details className="label-scores">
      <summary>{title}: per-label scores and confusion matrix</summary>
      <div className="label-scores-body">
        <MatrixPicture matrix={confusion} task={title} />
        <table className="results">
          <caption>{tagging ? 'Per tag (tokens); recall is the tag’s accuracy' : 'Per class'}</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Precision</th>
              <th scope="col">Recall</th>
              <th scope="col">F1</th>
              <th scope="col">Gold</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(perLabel).map(([label, s]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{pct(s.precision)}</td>
                <td>{pct(s.recall)}</td>
                <td>{pct(s.f1)}</td>
                <td>{s.support}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {metrics.perType && (
          <table className="results">
            <caption>Per entity type (exact spans)</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Precision</th>
                <th scope="col">Recall</th>
                <th scope="col">F1</th>
                <th scope="col">Gold</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(metrics.perType).map(([type, s]) => (
                <tr key={type}>
                  <th scope="row">{type}</th>
                  <td>{pct(s.precision)}</td>
                  <td>{pct(s.recall)}</td>
                  <td>{pct(s.f1)}</td>
                  <td>{s.support}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </details>
  );
}

/** Per-label scores and a drawn confusion matrix for every task of a finished run (test split). */
export function LabelScores({ result }: { result: RunResult }) {
  return (
    <div className="label-scores-list">
      {Object.entries(result.test).map(([name, m]) => (
        <TaskLabelScores key={name} name={name} metrics={m} />
      ))}
    </div>
  );
}
