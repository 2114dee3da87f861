import type { RunResult } from '../../src/train/events';
import { taskInfo } from '../shared/tasks';

/** Entity F1 where a task has entities, accuracy otherwise (headlineMetric's rule, without the task's kind). */
function headline(metrics: RunResult['test'][string]): { name: string; value: number } {
  return metrics.f1 !== undefined
    ? { name: 'entity F1', value: metrics.f1 }
    : { name: 'accuracy', value: metrics.accuracy };
}

/** The test scores in figures large enough to read from the back of a room (Present mode, once a run ends). */
export function HeadlineResults({ result }: { result: RunResult }) {
  return (
    <section className="headline-results" aria-label="Test results">
      {Object.entries(result.test).map(([name, metrics]) => {
        const { name: metric, value } = headline(metrics);
        const info = taskInfo(name);
        return (
          <figure key={name} className="headline" style={{ borderColor: info.colour }}>
            <span className="big" data-task={name}>
              {(value * 100).toFixed(1)}
            </span>
            <figcaption>
              {info.title} {metric} on {result.testSplit[name] === 'valid' ? 'validation' : 'test'}
            </figcaption>
          </figure>
        );
      })}
    </section>
  );
}
