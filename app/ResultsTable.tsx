import type { RunResult } from '../src/train/events';
import { BUILT_IN_TASKS } from './tasks';

const pct = (v: number | undefined) => (v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);

export function ResultsTable({ result }: { result: RunResult }) {
  return (
    <table className="results">
      <caption>
        Test metrics at the best checkpoint (step {result.bestStep ?? result.steps}; run {result.reason})
      </caption>
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">Accuracy</th>
          <th scope="col">Macro-F1</th>
          <th scope="col">Entity F1</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(result.test).map(([name, m]) => {
          const task = BUILT_IN_TASKS.find((t) => t.spec.name === name);
          return (
            <tr key={name}>
              <th scope="row" style={{ color: task?.colour }}>{task?.title ?? name}</th>
              <td>{pct(m.accuracy)}</td>
              <td>{pct(m.macroF1)}</td>
              <td>{pct(m.f1)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
