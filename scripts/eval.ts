import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON_FILES, pytorchProject, unexportable, type PythonSources } from '../src/export/pytorchProject';
import type { TrainingSession } from '../src/train/session';
import { parseArgs } from 'node:util';
import { summariseFile } from '../src/data/inspect';
import { BrowserHarness } from './browserHarness';
import { loadEvalSetup, parseOverrides, readTaskFiles, type EvalSetup } from './evalConfig';
import { runInNode } from './nodeRun';
import type { RunResult, TrainingEvent } from '../src/train/events';
import { headlineMetric } from '../src/metrics/taskMetrics';
import { SETTING_KEYS } from '../src/config/fields';

const USAGE =
  'usage: npm run eval -- --config FILE.json [--out results.json] [--inspect] [--quiet] [--node | --prebuilt DIST] [--set key=value | weights.TASK=w | tasks.TASK.key=value ...] [--export-pytorch DIR]';

/** The finished model as a PyTorch project in `dir` (src/export/pytorchProject.ts). */
async function writePytorchProject(session: TrainingSession, setup: EvalSetup, dir: string): Promise<void> {
  const config = setup.raw;
  const here = dirname(fileURLToPath(import.meta.url));
  const sources = Object.fromEntries(
    PYTHON_FILES.map((f) => [f, readFileSync(join(here, '../src/export/python', f), 'utf8')]),
  ) as unknown as PythonSources;
  // Each task's files as absolute paths, so train.py finds them from the project's folder.
  const data = Object.fromEntries(
    setup.config.tasks.map((t) => {
      const paths = setup.paths[t.name];
      return [
        t.name,
        {
          format: t.format,
          ...(paths ? { train: resolve(paths.train) } : {}),
          ...(paths?.dev ? { dev: resolve(paths.dev) } : {}),
          ...(paths?.test ? { test: resolve(paths.test) } : {}),
          ...(t.maxTrain ? { maxTrain: t.maxTrain } : {}),
        },
      ];
    }),
  );
  const files = pytorchProject(await session.exportModel({ withInitial: true }), config, sources, data);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
  process.stderr.write(`PyTorch project written to ${dir}/ (${[...files.keys()].join(', ')})\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      out: { type: 'string' },
      inspect: { type: 'boolean' },
      quiet: { type: 'boolean' },
      node: { type: 'boolean' },
      set: { type: 'string', multiple: true },
      'export-pytorch': { type: 'string' },
      // An already built app served with plain Node (a lent GPU machine without the project's dependencies: scripts/device/).
      prebuilt: { type: 'string' },
    },
  });
  if (!values.config) throw new Error(`--config is required\n${USAGE}`);
  if (values.node && values.prebuilt !== undefined)
    throw new Error(
      `--prebuilt serves the app to a browser, and --node trains without one: give one of them\n${USAGE}`,
    );
  const setup = loadEvalSetup(values.config, parseOverrides(values.set ?? []));
  const files = readTaskFiles(setup);
  const exportTo = values['export-pytorch'];
  if (exportTo !== undefined) {
    if (!values.node)
      throw new Error(`--export-pytorch needs --node (the model is exported from this process)\n${USAGE}`);
    // Refused before training, not after: the export never writes a silently different experiment.
    const reasons = unexportable({ encoder: setup.config.encoder }, setup.config.weighting);
    if (reasons.length > 0) throw new Error(`this experiment cannot be exported to PyTorch yet: ${reasons.join('; ')}`);
  }

  if (values.inspect) {
    const report: Record<string, Record<string, unknown>> = {};
    for (const spec of setup.config.tasks) {
      const taskFiles = files[spec.name];
      if (!taskFiles) continue;
      report[spec.name] = { kind: spec.kind, format: spec.format };
      for (const split of ['train', 'dev', 'test'] as const) {
        const file = taskFiles[split];
        if (file) report[spec.name]![split] = summariseFile(file, spec);
      }
    }
    emit(report, values.out);
    return;
  }

  const log = (s: string) => values.quiet || process.stderr.write(`${s}\n`);
  const onEvent = (event: TrainingEvent) => {
    if (event.type === 'progress') {
      const p = event.points.at(-1);
      if (p)
        log(
          `step ${p.step}  ${Object.entries(p.losses)
            .map(([t, l]) => `${t} ${l.toFixed(3)}`)
            .join('  ')}  (${event.msPerStep.toFixed(0)} ms/step)`,
        );
    } else if (event.type === 'validation') {
      const kindOf = (t: string) => setup.config.tasks.find((x) => x.name === t)?.kind ?? 'tagging';
      const metrics = Object.entries(event.point.metrics)
        .map(([t, m]) => `${t} ${headlineMetric(kindOf(t), m).value.toFixed(3)}`)
        .join('  ');
      log(
        `validation @${event.point.step}: weighted loss ${event.point.weightedLoss.toFixed(4)}  ${metrics}${event.point.improved ? ' (best)' : ''}`,
      );
    } else if (event.type === 'warning' || event.type === 'diverged') {
      log(`warning: ${event.message}`);
    }
  };
  if (values.node) {
    const started = performance.now();
    const result = await runInNode(
      setup.raw,
      files,
      onEvent,
      exportTo === undefined ? undefined : (session) => writePytorchProject(session, setup, exportTo),
    );
    emit(
      {
        runtime: `node ${process.version}, tfjs wasm`,
        ...summary(setup, result),
        wallSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      },
      values.out,
    );
    return;
  }

  const harness = await BrowserHarness.open(values.prebuilt ? { prebuilt: values.prebuilt } : {});
  try {
    const run = await harness.run(setup.raw, files, onEvent);
    if (run.errors.length > 0 || !run.result) {
      throw new Error(run.errors.map((e) => `${e.name}: ${e.message}`).join('\n') || 'the run ended without a result');
    }
    emit(
      {
        backend: run.backend?.name,
        adapter: run.backend?.adapter ?? null,
        skippedBackends: run.backend?.skipped ?? [],
        browser: await harness.browserVersion(),
        ...summary(setup, run.result),
        wallSeconds: Number(run.wallSeconds.toFixed(1)),
      },
      values.out,
    );
  } finally {
    await harness.close();
  }
}

/**
 * What a run printed: every setting it ran with (so a result file says how it
 * was made without its command line), test metrics, full-dev metrics and
 * the time spent validating.
 */
function summary(setup: EvalSetup, r: RunResult) {
  const c = setup.config;
  return {
    sharing: c.sharing,
    encoder: c.encoder,
    representation: c.representation,
    settings: Object.fromEntries(SETTING_KEYS.map((key) => [key, c[key]])),
    // Per-task choices and weights too, which `--set tasks.NAME.KEY` and `weights.NAME` can change.
    taskSpecs: c.tasks,
    weights: c.weights,
    tasks: Object.fromEntries(Object.entries(r.test).map(([name, m]) => [name, { split: r.testSplit[name], ...m }])),
    valid: r.valid ?? {},
    steps: r.steps,
    reason: r.reason,
    bestStep: r.bestStep,
    msPerStep: Number(r.msPerStep.toFixed(2)),
    trainingSeconds: Number(r.trainingSeconds.toFixed(1)),
    validationSeconds: Number((r.validationSeconds ?? 0).toFixed(1)),
  };
}

function emit(result: unknown, out: string | undefined): void {
  const json = JSON.stringify(result, null, 2);
  process.stdout.write(`${json}\n`);
  if (out) writeFileSync(out, `${json}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`eval failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`);
  process.exit(1);
});
