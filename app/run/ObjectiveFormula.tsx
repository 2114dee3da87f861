import type { LossPoint } from '../../src/train/events';
import { taskInfo } from '../shared/tasks';
import { Explain } from '../shared/Explain';

interface Props {
  readonly point: LossPoint | undefined;
  readonly tasks: readonly string[];
  /** λ under soft sharing; null when there is no penalty term. */
  readonly lambda: number | null;
  readonly onHighlight: (task: string | null) => void;
}

const num = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '…' : String(Number(v.toPrecision(3)));

/**
 * J = Σ w_i·J_i (+ λ·Ω) written out with the latest step's numbers, so a
 * class reads what the update lowers. Ω, the distance between the task
 * encoders, is what is left of the total once the weighted task terms are
 * taken out. Hovering or focusing a term highlights its task's curves.
 */
export function ObjectiveFormula({ point, tasks, lambda, onHighlight }: Props) {
  const weighted = point
    ? tasks.reduce((sum, t) => sum + (point.weights?.[t] ?? 0) * (point.losses[t] ?? 0), 0)
    : undefined;
  const penalty = point && weighted !== undefined && lambda ? point.total - weighted : undefined;
  return (
    <section className="objective" aria-label="The objective">
      {/* A div, not a p: the "?" explanation inside is a paragraph of its own. */}
      <div className="formula" data-step={point?.step ?? ''}>
        <span className="formula-label">
          Objective{point ? ` at step ${point.step}` : ''} <Explain topic="The objective" />
        </span>{' '}
        <span className="term">J</span> ={' '}
        {tasks.map((t, i) => {
          const info = taskInfo(t);
          return (
            <span key={t}>
              {i > 0 && ' + '}
              <span
                className="term task-term"
                style={{ borderColor: info.colour }}
                tabIndex={0}
                data-task={t}
                aria-label={`${info.title}: weight ${num(point?.weights?.[t])} times loss ${num(point?.losses[t])}`}
                onMouseEnter={() => onHighlight(t)}
                onMouseLeave={() => onHighlight(null)}
                onFocus={() => onHighlight(t)}
                onBlur={() => onHighlight(null)}
              >
                <span className="value" data-part="weight">
                  {num(point?.weights?.[t])}
                </span>
                ·<span style={{ color: info.colour }}>J</span>
                <sub>{info.title}</sub>(
                <span className="value" data-part="loss">
                  {num(point?.losses[t])}
                </span>
                )
              </span>
            </span>
          );
        })}
        {lambda !== null && (
          <>
            {' + '}
            <span className="term" title="λ times the squared distance between the task encoders">
              <span className="value">{num(lambda)}</span>·Ω(
              <span className="value" data-part="penalty">
                {num(penalty !== undefined && lambda ? penalty / lambda : undefined)}
              </span>
              )
            </span>
          </>
        )}{' '}
        ={' '}
        <strong className="value" data-part="total">
          {num(point?.total)}
        </strong>
      </div>
    </section>
  );
}
