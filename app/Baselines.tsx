import { useEffect, useRef, useState } from 'react';
import type { TaskFiles } from '../src/data/prepare';
import { headlineMetric } from '../src/metrics/taskMetrics';
import type { RunResult } from '../src/train/events';
import { relativeGain } from '../src/train/weighting/gain';
import { MtlWorkerClient } from '../src/worker/client';
import { taskInfo } from './tasks';

interface Props {
  /** The finished multi-task run and the experiment it ran. */
  readonly result: RunResult;
  readonly config: Record<string, unknown> & { tasks: readonly { name: string; kind: 'tagging' | 'classification' }[] };
  readonly files: Readonly<Record<string, TaskFiles>> | null;
}

type Progress = { task: string; index: number; step: number; steps: number } | null;

/** Trains one task alone, with the experiment's budget and seed, in its own worker; resolves with its result. */
function trainAlone(config: Props['config'], task: Props['config']['tasks'][number], files: Readonly<Record<string, TaskFiles>>, onStep: (step: number) => void): { done: Promise<RunResult>; cancel: () => void } {
  const client = new MtlWorkerClient();
  const done = new Promise<RunResult>((resolve, reject) => {
    client.subscribe((m) => {
      if (m.kind === 'error') reject(new Error(m.error.message));
      if (m.kind !== 'event') return;
      if (m.event.type === 'progress') onStep(m.event.points.at(-1)?.step ?? 0);
      if (m.event.type === 'done') resolve(m.event.result);
    });
    const weights = { [task.name]: 1 };
    client.start({ ...config, tasks: [task], weights, weighting: 'manual', schedule: 'all', interactionEvery: 0 }, { [task.name]: files[task.name] as TaskFiles });
  }).finally(() => client.terminate());
  return { done, cancel: () => client.terminate() };
}

/**
 * "Does sharing help?": trains each task of the finished run alone with the
 * same budget and seed, then shows per task the single-task and multi-task
 * metric, the difference (negative transfer flagged) and Δm over tasks.
 */
export function Baselines({ result, config, files }: Props) {
  const [singles, setSingles] = useState<Record<string, RunResult>>({});
  const [progress, setProgress] = useState<Progress>(null);
  const [error, setError] = useState<string | null>(null);
  const cancel = useRef<(() => void) | null>(null);
  const tasks = config.tasks;
  useEffect(() => () => cancel.current?.(), []);

  const run = async () => {
    if (!files) return;
    setError(null);
    setSingles({});
    try {
      for (const [index, task] of tasks.entries()) {
        setProgress({ task: task.name, index, step: 0, steps: Number(config.steps) });
        const alone = trainAlone(config, task, files, (step) => setProgress({ task: task.name, index, step, steps: Number(config.steps) }));
        cancel.current = alone.cancel;
        const r = await alone.done;
        setSingles((prev) => ({ ...prev, [task.name]: r }));
      }
    } catch (err) {
      setError(`A single-task baseline failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setProgress(null);
      cancel.current = null;
    }
  };

  const rows = tasks.flatMap((t) => {
    const single = singles[t.name]?.test[t.name];
    const multi = result.test[t.name];
    if (!single || !multi) return [];
    const metric = headlineMetric(t.kind, multi);
    return [{ task: t.name, metric: metric.name, single: headlineMetric(t.kind, single).value, multi: metric.value, higherIsBetter: true }];
  });
  const gain = rows.length === tasks.length && rows.length > 0 ? relativeGain(rows) : null;
  const pct = (v: number) => `${(v * 100).toFixed(1)}`;

  return (
    <section className="baselines" aria-label="Single-task baselines">
      <h2>Does sharing help?</h2>
      {tasks.length < 2 ? <p className="note">Train two tasks or more to compare with single-task baselines.</p> : (
        <p>
          <button type="button" onClick={() => void run()} disabled={progress !== null || !files}>Train each task alone</button>{' '}
          <small>Same settings, budget ({String(config.steps)} steps) and seed; one task after another.</small>
        </p>
      )}
      {progress && <p role="status">Baseline {progress.index + 1} of {tasks.length}: {taskInfo(progress.task).title} alone, step {progress.step} of {progress.steps}…</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {rows.length > 0 && (
        <table className="gain">
          <caption>Test metric: single-task vs this multi-task run{gain ? `; Δm = ${gain.deltaM >= 0 ? '+' : ''}${gain.deltaM.toFixed(2)} %` : ''}</caption>
          <thead><tr><th scope="col">Task</th><th scope="col">Metric</th><th scope="col">Alone</th><th scope="col">Multi-task</th><th scope="col">Difference</th></tr></thead>
          <tbody>
            {rows.map((r) => {
              const diff = r.multi - r.single;
              return (
                <tr key={r.task}>
                  <th scope="row" style={{ color: taskInfo(r.task).colour }}>{taskInfo(r.task).title}</th>
                  <td>{r.metric}</td>
                  <td>{pct(r.single)}</td>
                  <td>{pct(r.multi)}</td>
                  <td className={diff < 0 ? 'negative' : 'positive'}>{diff >= 0 ? '+' : ''}{pct(diff)}{diff < 0 ? ' (negative transfer)' : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
