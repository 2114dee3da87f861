import { headlineOf } from '../../src/metrics/taskMetrics';
import type { RunResult } from '../../src/train/events';
import { taskInfo } from '../shared/tasks';

/** The test scores in figures large enough to read from the back of a room (Present mode, once a run ends). */
export function HeadlineResults({ result }: { result: RunResult }) {
  return (
    <section className="headline-results" aria-label="Test results">
      {Object.entries(result.test).map(([name, metrics]) => {
        const headline = headlineOf(metrics);
        const { value } = headline;
        const metric = headline.name === 'F1' ? 'entity F1' : headline.name;
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
