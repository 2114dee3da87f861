import { headlineOf } from '../../src/metrics/taskMetrics';
import type { RunResult } from '../../src/train/events';
import { MeasuredClaim } from '../link/MeasuredClaim';
import { PRESETS } from '../link/presets';
import type { SavedRun } from '../savedRuns/runArchive';
import { taskInfo } from '../shared/tasks';
import { Explain } from '../shared/Explain';
import type { Lesson } from './lessons';

interface Props {
  readonly lesson: Lesson;
  /** The saved run of each step, where one was trained in this browser. */
  readonly runs: Readonly<Record<number, SavedRun | undefined>>;
}

const headline = (m: RunResult['test'][string] | undefined) => (m === undefined ? undefined : headlineOf(m).value);
const pct = (v: number | undefined) => (v === undefined ? '–' : (v * 100).toFixed(1));

/**
 * The lesson's last step: each run's test scores side by side with the
 * difference this class measured (one seed), then the answer measured over
 * seeds by `npm run eval:presets`, which is what the lesson concludes.
 */
export function LessonComparison({ lesson, runs }: Props) {
  const answer = PRESETS.find((p) => p.id === lesson.answer);
  const task = answer?.claim?.task;
  const tasks = [...new Set(lesson.runs.flatMap((_, i) => Object.keys(runs[i + 1]?.result.test ?? {})))];
  const baselineStep = lesson.runs.indexOf(answer?.claim?.baseline ?? '') + 1;
  const answerStep = lesson.runs.indexOf(lesson.answer) + 1;
  const here =
    task !== undefined
      ? [headline(runs[baselineStep]?.result.test[task]), headline(runs[answerStep]?.result.test[task])]
      : [];
  const missing = lesson.runs.filter((_, i) => !runs[i + 1]).length;
  return (
    <section className="lesson-comparison" aria-label="Comparison">
      <h2>
        The answer <Explain topic="Does sharing help?" />
      </h2>
      <div className="table-scroll">
        <table className="results">
          <caption>Test scores of this lesson’s runs (F1 for NER, accuracy otherwise), one seed each</caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Run</th>
              {tasks.map((t) => (
                <th scope="col" key={t} style={{ color: taskInfo(t).colour }}>
                  {taskInfo(t).title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lesson.runs.map((id, i) => {
              const saved = runs[i + 1];
              const preset = PRESETS.find((p) => p.id === id);
              return (
                <tr key={id}>
                  <th scope="row">{i + 1}</th>
                  <td>
                    {preset?.title ?? id}
                    {!saved && ' (not run in this browser yet: go Back to run it)'}
                  </td>
                  {tasks.map((t) => (
                    <td key={t}>{pct(headline(saved?.result.test[t]))}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {task !== undefined && here[0] !== undefined && here[1] !== undefined && (
        <p className="lesson-here">
          Here, with one seed: {taskInfo(task).title} {pct(here[1])} against {pct(here[0])}, a difference of{' '}
          {here[1] - here[0] >= 0 ? '+' : ''}
          {pct(here[1] - here[0])} points. One seed can mislead: the measured answer below repeats the runs over several
          seeds.
        </p>
      )}
      {missing > 0 && (
        <p className="hint">
          {missing} of the {lesson.runs.length} runs {missing === 1 ? 'is' : 'are'} missing here; the answer below was
          measured all the same.
        </p>
      )}
      <div className="lesson-answer">
        <strong>Measured answer.</strong> <MeasuredClaim presetId={lesson.answer} />
      </div>
    </section>
  );
}
