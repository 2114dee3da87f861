import { useEffect, useRef, useState } from 'react';
import type { ExperimentConfig } from '../../src/config/experiment';
import type { TaskFiles } from '../../src/data/prepare';
import { singleTaskExperiment } from '../../src/config/singleTask';
import { headlineMetric } from '../../src/metrics/taskMetrics';
import type { RunResult } from '../../src/train/events';
import { relativeGain } from '../../src/metrics/gain';
import { meanSd, seedNoiseVerdict } from '../../src/metrics/seedNoise';
import { MtlWorkerClient } from '../../src/worker/client';
import { taskInfo } from '../shared/tasks';
import { Explain } from '../shared/Explain';

interface Props {
  /** The finished multi-task run and the experiment it ran. */
  readonly result: RunResult;
  readonly config: ExperimentConfig;
  readonly files: Readonly<Record<string, TaskFiles>> | null;
}

type Progress = { what: string; index: number; total: number; step: number; steps: number } | null;
const SEED_CHOICES = [1, 3, 5] as const;

/** Trains one experiment in its own worker; resolves with its result. */
function trainOnce(
  config: Record<string, unknown>,
  files: Readonly<Record<string, TaskFiles>>,
  onStep: (step: number) => void,
): { done: Promise<RunResult>; cancel: () => void } {
  const client = new MtlWorkerClient();
  const done = new Promise<RunResult>((resolve, reject) => {
    client.subscribe((m) => {
      if (m.kind === 'error') reject(new Error(m.error.message));
      if (m.kind !== 'event') return;
      if (m.event.type === 'progress') onStep(m.event.points.at(-1)?.step ?? 0);
      if (m.event.type === 'done') resolve(m.event.result);
    });
    client.start(config, files);
  }).finally(() => client.terminate());
  return { done, cancel: () => client.terminate() };
}

/** The runs behind the table: per seed, each task alone and (for seeds past the run's own) the multi-task model again. */
interface SeedRuns {
  readonly seed: number;
  readonly singles: Record<string, RunResult>;
  readonly multi: RunResult;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}`;
const withSd = (values: readonly number[]) => {
  const { mean, sd, n } = meanSd(values);
  return n > 1 ? `${pct(mean)} ± ${pct(sd)}` : pct(mean);
};

/**
 * "Does sharing help?": trains each task of the finished run alone with the
 * same budget, over 1, 3 or 5 seeds (the multi-task model is trained again
 * for every seed past the run's own), then shows per task the single-task
 * and multi-task metric as mean ± sd, the difference, and whether it rises
 * above the seeds' spread; Δm over tasks.
 */
export function Baselines({ result, config, files }: Props) {
  const [runs, setRuns] = useState<SeedRuns[]>([]);
  const [seedCount, setSeedCount] = useState<(typeof SEED_CHOICES)[number]>(3);
  const [progress, setProgress] = useState<Progress>(null);
  const [error, setError] = useState<string | null>(null);
  const cancel = useRef<(() => void) | null>(null);
  const tasks = config.tasks;
  const firstSeed = typeof config.seed === 'number' ? config.seed : 1;
  useEffect(() => () => cancel.current?.(), []);

  const run = async () => {
    if (!files) return;
    setError(null);
    setRuns([]);
    const total = seedCount * tasks.length + (seedCount - 1);
    let index = 0;
    const train = async (raw: Record<string, unknown>, what: string, runFiles: Readonly<Record<string, TaskFiles>>) => {
      setProgress({ what, index, total, step: 0, steps: Number(config.steps) });
      const once = trainOnce(raw, runFiles, (step) =>
        setProgress({ what, index, total, step, steps: Number(config.steps) }),
      );
      cancel.current = once.cancel;
      const r = await once.done;
      index++;
      return r;
    };
    try {
      for (let k = 0; k < seedCount; k++) {
        const seed = firstSeed + k;
        const singles: Record<string, RunResult> = {};
        for (const task of tasks) {
          const alone = singleTaskExperiment({ ...config, seed }, tasks, task.name);
          const aloneFiles = Object.fromEntries(alone.taskNames.flatMap((n) => (files[n] ? [[n, files[n]]] : [])));
          singles[task.name] = await train(
            alone.experiment,
            `${taskInfo(task.name).title} alone, seed ${seed}`,
            aloneFiles,
          );
        }
        const multi =
          k === 0
            ? result
            : await train({ ...config, seed, interactionEvery: 0 }, `all tasks together, seed ${seed}`, files);
        setRuns((prev) => [...prev, { seed, singles, multi }]);
      }
    } catch (err) {
      setError(`A baseline run failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setProgress(null);
      cancel.current = null;
    }
  };

  const metricOf = (r: RunResult, t: Props['config']['tasks'][number]) => {
    const m = r.test[t.name];
    return m ? headlineMetric(t.kind, m) : null;
  };
  const rows =
    runs.length === 0
      ? []
      : tasks.flatMap((t) => {
          const single = runs.map((s) => metricOf(s.singles[t.name] as RunResult, t)?.value ?? Number.NaN);
          const multi = runs.map((s) => metricOf(s.multi, t)?.value ?? Number.NaN);
          if ([...single, ...multi].some((v) => Number.isNaN(v))) return [];
          return [
            {
              task: t.name,
              metric: metricOf(result, t)?.name ?? 'accuracy',
              single,
              multi,
              noise: seedNoiseVerdict(single, multi),
            },
          ];
        });
  const gain =
    rows.length === tasks.length && rows.length > 0
      ? relativeGain(
          rows.map((r) => ({
            task: r.task,
            single: meanSd(r.single).mean,
            multi: meanSd(r.multi).mean,
            higherIsBetter: true,
          })),
        )
      : null;

  return (
    <section className="baselines" aria-label="Single-task baselines">
      <h2>Does sharing help?</h2>
      <Explain topic="Does sharing help?" />
      {tasks.length < 2 ? (
        <p className="note">Train two tasks or more to compare with single-task baselines.</p>
      ) : (
        <p>
          <button type="button" onClick={() => void run()} disabled={progress !== null || !files}>
            Train each task alone
          </button>{' '}
          <label className="inline-select">
            over{' '}
            <select
              value={seedCount}
              disabled={progress !== null}
              onChange={(e) => setSeedCount(Number(e.target.value) as (typeof SEED_CHOICES)[number])}
            >
              {SEED_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {n === 1 ? '1 seed' : `${n} seeds`}
                </option>
              ))}
            </select>
          </label>{' '}
          <small>
            Same settings and budget ({String(config.steps)} steps); seeds {firstSeed}
            {seedCount > 1 ? `–${firstSeed + seedCount - 1}` : ''}. With more than one seed the multi-task model is
            trained again for each extra seed, so a difference can be told from seed noise.
          </small>
        </p>
      )}
      {progress && (
        <p role="status">
          Run {progress.index + 1} of {progress.total}: {progress.what}, step {progress.step} of {progress.steps}…
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {rows.length > 0 && (
        <table className="gain">
          <caption>
            Test metric, single-task vs multi-task,{' '}
            {runs.length === 1 ? 'one seed' : `mean ± sd over ${runs.length} seeds`}
            {gain ? `; Δm = ${gain.deltaM >= 0 ? '+' : ''}${gain.deltaM.toFixed(2)} %` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Metric</th>
              <th scope="col">Alone</th>
              <th scope="col">Multi-task</th>
              <th scope="col">Difference</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const { difference, verdict } = r.noise;
              const cls =
                verdict === 'gain'
                  ? 'positive'
                  : verdict === 'loss'
                    ? 'negative'
                    : verdict === 'one seed'
                      ? difference < 0
                        ? 'negative'
                        : 'positive'
                      : 'noise';
              const why =
                verdict === 'within seed noise'
                  ? ' (within seed noise)'
                  : verdict === 'loss' || (verdict === 'one seed' && difference < 0)
                    ? ' (negative transfer)'
                    : '';
              return (
                <tr key={r.task}>
                  <th scope="row" style={{ color: taskInfo(r.task).colour }}>
                    {taskInfo(r.task).title}
                  </th>
                  <td>{r.metric}</td>
                  <td>{withSd(r.single)}</td>
                  <td>{withSd(r.multi)}</td>
                  <td className={cls}>
                    {difference >= 0 ? '+' : ''}
                    {pct(difference)}
                    {why}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {rows.length > 0 && runs.length > 1 && (
        <p className="note">
          <small>
            A difference is called a gain or a loss only when it is larger than twice the larger of the two standard
            deviations.
          </small>
        </p>
      )}
    </section>
  );
}
