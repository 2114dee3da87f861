import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_FORM, toExperiment } from '../app/settings/experimentForm';
import { sampleTaskFiles } from '../src/data/corpusLoader';
import { headlineMetric } from '../src/metrics/taskMetrics';
import type { TrainingEvent } from '../src/train/events';
import { runInNode } from './nodeRun';

const USAGE = 'usage: npm run eval:samples -- [--steps 400] [--every 40] [--seeds 1,2,3] [--out FILE.json]';

/**
 * Do the offline samples behave like language? Trains the page's default
 * experiment on the team-written samples (what a user without a network
 * gets), each task alone and all together, and prints each task's
 * validation curve (its headline metric every `--every` steps) and its test
 * metric: the curves should rise over a few hundred steps and level off below
 * 100 %, and sharing should make a visible difference either way.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      steps: { type: 'string' },
      every: { type: 'string' },
      seeds: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const steps = Number(values.steps ?? 400);
  const every = Number(values.every ?? 40);
  const seeds = (values.seeds ?? '1').split(',').map(Number);
  if (![steps, every, ...seeds].every(Number.isInteger)) throw new Error(USAGE);
  const files = sampleTaskFiles();
  const base = toExperiment({ ...DEFAULT_FORM, steps });
  const taskNames = base.tasks.map((t) => t.name);
  const runs: Record<string, unknown>[] = [];
  for (const seed of seeds) {
    for (const only of [...taskNames.map((t) => [t]), taskNames]) {
      const tasks = base.tasks.filter((t) => only.includes(t.name));
      const raw = {
        ...base,
        tasks,
        weights: Object.fromEntries(only.map((t) => [t, 1])),
        seed,
        evalEvery: every,
        patience: 0,
        interactionEvery: 0,
        backend: 'wasm',
      };
      const curve: Record<string, number[]> = {};
      const onEvent = (e: TrainingEvent) => {
        if (e.type !== 'validation') return;
        for (const t of tasks) {
          const m = e.point.metrics[t.name];
          if (m) (curve[t.name] ??= []).push(Number(headlineMetric(t.kind, m).value.toFixed(3)));
        }
      };
      const result = await runInNode(raw, files, onEvent);
      const test = Object.fromEntries(
        tasks.map((t) => [
          t.name,
          Number(headlineMetric(t.kind, result.test[t.name] ?? { accuracy: NaN }).value.toFixed(3)),
        ]),
      );
      const label = only.length === 1 ? `${only[0]} alone` : 'all together';
      process.stdout.write(
        `seed ${seed}, ${label}: test ${JSON.stringify(test)}\n${Object.entries(curve)
          .map(([t, c]) => `  ${t} validation every ${every} steps: ${c.join(' ')}`)
          .join('\n')}\n`,
      );
      runs.push({ seed, label, test, curve, bestStep: result.bestStep });
    }
  }
  if (values.out)
    writeFileSync(
      values.out,
      `${JSON.stringify({ date: new Date().toISOString().slice(0, 10), steps, every, runs }, null, 2)}\n`,
    );
}

main().catch((err: unknown) => {
  process.stderr.write(`eval:samples failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
