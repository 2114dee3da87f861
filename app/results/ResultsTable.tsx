import type { RunResult } from '../../src/train/events';
import { taskInfo } from '../shared/tasks';

const pct = (v: number | undefined) => (v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);

/** Each task's metrics on its test split, from the restored best checkpoint. */
export function ResultsTable({ result }: { result: RunResult }) {
  return (
    <table className="results">
      <caption>
        Test metrics at the best checkpoint (step {result.bestStep ?? result.steps} of {result.steps}; run{' '}
        {result.reason})
      </caption>
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">Accuracy</th>
          <th scope="col">Macro-F1</th>
          <th scope="col">Entity P</th>
          <th scope="col">Entity R</th>
          <th scope="col">Entity F1</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(result.test).map(([name, m]) => (
          <tr key={name}>
            <th scope="row" style={{ color: taskInfo(name).colour }}>
              {taskInfo(name).title}
            </th>
            <td>{pct(m.accuracy)}</td>
            <td>{pct(m.macroF1)}</td>
            <td>{pct(m.precision)}</td>
            <td>{pct(m.recall)}</td>
            <td>{pct(m.f1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
