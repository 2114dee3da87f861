import type { LossPoint } from '../../src/train/events';
import { taskInfo } from '../shared/tasks';
import { Explain } from '../shared/Explain';

interface Props {
  readonly points: readonly LossPoint[];
  /** The steps taken with Step, in order. */
  readonly steppedAt: readonly number[];
  readonly tasks: readonly string[];
}

const num = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '–' : String(Number(v.toPrecision(3)));

/**
 * One row per step taken with the Step button: each task's loss on that
 * step's batch, the weight it got, the weighted total J that the update
 * lowered, and the cosine between task gradients where it was measured.
 */
export function StepByStep({ points, steppedAt, tasks }: Props) {
  if (steppedAt.length === 0) return null;
  const wanted = new Set(steppedAt);
  // Every Step's row stays, however many points a later Resume adds.
  const rows = points.filter((p) => wanted.has(p.step));
  const pairs = [...new Set(rows.flatMap((r) => Object.keys(r.cosines ?? {})))];
  return (
    <section className="step-by-step" aria-label="Step by step">
      <h2>
        One step at a time <Explain topic="Step by step" />
      </h2>
      <div className="table-scroll">
        <table>
          <caption className="hint">
            Each row is one update: every task’s loss J<sub>i</sub> on that step’s batch, the weight w<sub>i</sub> it
            got, and J = Σ w<sub>i</sub>·J<sub>i</sub>, the number the step lowers.
          </caption>
          <thead>
            <tr>
              <th scope="col">step</th>
              {tasks.map((t) => (
                <th scope="col" key={t}>
                  J {taskInfo(t).title}
                </th>
              ))}
              {tasks.map((t) => (
                <th scope="col" key={t}>
                  w {taskInfo(t).title}
                </th>
              ))}
              <th scope="col">J (weighted total)</th>
              {pairs.map((p) => (
                <th scope="col" key={p}>
                  cos {p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.step} data-step={r.step}>
                <th scope="row">{r.step}</th>
                {tasks.map((t) => (
                  <td key={t}>{num(r.losses[t])}</td>
                ))}
                {tasks.map((t) => (
                  <td key={t}>{num(r.weights?.[t])}</td>
                ))}
                <td>{num(r.total)}</td>
                {pairs.map((p) => (
                  <td key={p}>{num(r.cosines?.[p])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pairs.length === 0 && (
        <p className="hint">
          The cosine between task gradients shows here on steps where it is measured (“Measure task interaction” under
          Loss weighting).
        </p>
      )}
    </section>
  );
}
