import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { headlineMetric } from '../src/metrics/taskMetrics';
import { relativeGain } from '../src/metrics/gain';
import { BrowserHarness } from './browserHarness';
import { runInNode } from './nodeRun';
import type { RunResult } from '../src/train/events';
import { meanSd, seedNoiseVerdict } from '../src/metrics/seedNoise';
import { loadEvalSetup, parseOverrides, readTaskFiles } from './evalConfig';
import { singleTaskExperiment } from '../src/config/singleTask';

const USAGE =
  'usage: npm run eval:gain -- --config FILE.json [--methods manual,uncertainty,dwa,pcgrad] [--seeds 1,2,3] [--out results.json] [--log runs.jsonl] [--node] [--set key=value | weights.TASK=w | tasks.TASK.key=value ...]';

/**
 * One finished run, as kept in the --log file: a rerun skips the runs already
 * there that ran with the same `--set` overrides (a line without them ran with none).
 */
interface LoggedRun {
  readonly label: string;
  readonly metrics: Record<string, number>;
  readonly msPerStep: number;
  readonly overrides?: Record<string, unknown>;
}

function readLog(path: string | undefined, overrides: Record<string, unknown>): Map<string, LoggedRun> {
  const runs = new Map<string, LoggedRun>();
  if (!path || !existsSync(path)) return runs;
  const wanted = JSON.stringify(overrides);
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const run = JSON.parse(line) as LoggedRun;
    if (JSON.stringify(run.overrides ?? {}) === wanted) runs.set(run.label, run);
  }
  return runs;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const sd = (xs: readonly number[]) => meanSd(xs).sd;
const show = (xs: readonly number[], scale = 100) =>
  `${(mean(xs) * scale).toFixed(1)} ± ${(sd(xs) * scale).toFixed(1)}`;

/**
 * Does sharing help, and with which weighting? For each seed: every task
 * alone, then all tasks together with each method, same budget. Prints the
 * gain table (mean ± sd over seeds), Δm, and each method's ms/step relative
 * to plain weighted training, all measured in this one run.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      methods: { type: 'string' },
      seeds: { type: 'string' },
      out: { type: 'string' },
      log: { type: 'string' },
      node: { type: 'boolean' },
      set: { type: 'string', multiple: true },
    },
  });
  if (!values.config) throw new Error(`--config is required\n${USAGE}`);
  const overrides = parseOverrides(values.set ?? []);
  const setup = loadEvalSetup(values.config, overrides);
  const files = readTaskFiles(setup);
  const methods = (values.methods ?? 'manual,uncertainty,dwa,pcgrad').split(',');
  const seeds = (values.seeds ?? '1,2,3').split(',').map(Number);
  const tasks = setup.config.tasks;
  const done = readLog(values.log, overrides);
  let harness: BrowserHarness | null = null;
  const singles: Record<string, number[]> = {};
  const multi: Record<string, Record<string, number[]>> = {};
  const msPerStep: Record<string, number[]> = {};
  const log = (s: string) => process.stderr.write(`${s}\n`);
  try {
    // Each run's headline metric per task (F1 for NER, accuracy otherwise), kept in the log as soon as it ends.
    const train = async (raw: Record<string, unknown>, label: string): Promise<LoggedRun> => {
      const kept = done.get(label);
      if (kept) return kept;
      let result: RunResult;
      if (values.node) {
        result = await runInNode(raw, files);
      } else {
        harness ??= await BrowserHarness.open();
        const run = await harness.run(raw, files);
        if (run.errors.length > 0 || !run.result)
          throw new Error(`${label}: ${run.errors.map((e) => e.message).join('; ') || 'no result'}`);
        result = run.result;
      }
      const metrics = Object.fromEntries(
        Object.entries(result.test).map(([t, m]) => [
          t,
          headlineMetric(tasks.find((x) => x.name === t)?.kind ?? 'tagging', m).value,
        ]),
      );
      const logged: LoggedRun = { label, metrics, msPerStep: result.msPerStep, overrides };
      log(
        `${label}: ${Object.entries(metrics)
          .map(([t, v]) => `${t} ${(v * 100).toFixed(1)}`)
          .join(', ')} · ${logged.msPerStep.toFixed(0)} ms/step`,
      );
      if (values.log) appendFileSync(values.log, `${JSON.stringify(logged)}\n`);
      return logged;
    };
    for (const seed of seeds) {
      for (const task of tasks) {
        const raw = setup.raw.tasks as { name: string; languageModelOf?: string }[];
        const r = await train(
          singleTaskExperiment({ ...setup.raw, seed }, raw, task.name).experiment,
          `seed ${seed} ${task.name} alone`,
        );
        const m = r.metrics[task.name];
        if (m !== undefined) (singles[task.name] ??= []).push(m);
      }
      for (const method of methods) {
        const r = await train({ ...setup.raw, seed, weighting: method, interactionEvery: 0 }, `seed ${seed} ${method}`);
        for (const task of tasks) {
          const m = r.metrics[task.name];
          if (m !== undefined) ((multi[method] ??= {})[task.name] ??= []).push(m);
        }
        (msPerStep[method] ??= []).push(r.msPerStep);
      }
    }
    const browser = values.node
      ? `node ${process.version}, tfjs wasm`
      : harness
        ? await (harness as BrowserHarness).browserVersion()
        : 'all runs read from the log';
    const report = {
      config: values.config,
      overrides,
      browser,
      backend: setup.config.backend,
      seeds,
      singles,
      methods: Object.fromEntries(
        methods.map((method) => {
          const perSeed = seeds.map(
            (_, s) =>
              relativeGain(
                tasks.map((t) => ({
                  task: t.name,
                  single: singles[t.name]?.[s] ?? NaN,
                  multi: multi[method]?.[t.name]?.[s] ?? NaN,
                  higherIsBetter: true,
                })),
              ).deltaM,
          );
          const noise = Object.fromEntries(
            tasks.map((t) => [t.name, seedNoiseVerdict(singles[t.name] ?? [], multi[method]?.[t.name] ?? [])]),
          );
          return [
            method,
            {
              metrics: multi[method],
              deltaM: perSeed,
              noise,
              msPerStep: msPerStep[method],
              costVsManual:
                mean(msPerStep[method] ?? []) / mean(msPerStep.manual ?? msPerStep[methods[0] as string] ?? [1]),
            },
          ];
        }),
      ),
    };
    if (values.out) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n\n`);
    // Entity F1 for NER; accuracy for POS, sentiment and a language-model helper (next/previous-word accuracy).
    const metricName = (t: (typeof tasks)[number]) =>
      t.kind === 'tagging' && t.name !== 'pos' && t.languageModelOf === undefined ? 'F1' : 'acc';
    process.stdout.write(
      `| run | ${tasks.map((t) => `${t.name} ${metricName(t)}`).join(' | ')} | Δm % | ms/step | cost vs manual |\n|${'---|'.repeat(tasks.length + 4)}\n`,
    );
    process.stdout.write(
      `| each task alone | ${tasks.map((t) => show(singles[t.name] ?? [])).join(' | ')} | – | – | – |\n`,
    );
    for (const method of methods) {
      const r = report.methods[method] as {
        deltaM: number[];
        msPerStep: number[];
        costVsManual: number;
        noise: Record<string, ReturnType<typeof seedNoiseVerdict>>;
      };
      const cell = (t: (typeof tasks)[number]) => {
        const n = r.noise[t.name];
        return `${show(multi[method]?.[t.name] ?? [])} (${n ? `${n.difference >= 0 ? '+' : ''}${(n.difference * 100).toFixed(1)}, ${n.verdict}` : '–'})`;
      };
      process.stdout.write(
        `| ${method} | ${tasks.map(cell).join(' | ')} | ${show(r.deltaM, 1)} | ${mean(r.msPerStep).toFixed(0)} | ${r.costVsManual.toFixed(2)}× |\n`,
      );
    }
  } finally {
    await (harness as BrowserHarness | null)?.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`eval:gain failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
