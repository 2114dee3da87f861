import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { BatchPlan, HarnessRun } from '../harness/harness';
import type { BackendFlags, BaselineReply } from '../harness/benchProtocol';
import type { BackendName } from '../src/config/experiment';
import type { TaskFiles } from '../src/data/prepare';
import { measureMainThread, type MainThreadReport } from './benchPage';
import { atStep, baselineWindows, medianMsPerStep, round, timedWindows, type TimedWindow } from './benchStats';
import { BrowserHarness } from './browserHarness';

/**
 * `npm run bench`: speed, cost and responsiveness of training in the browser,
 * in one run, on each backend, for the default three-task preset (sentiment +
 * ner + pos on the built-in samples, with the model of the page's default
 * form) and a single-task preset (ner). A backend that cannot train is
 * skipped with the worker's reason. Prints JSON and a markdown table;
 * --out writes the JSON. See USAGE.
 */
const USAGE = `usage: npm run bench -- [--out FILE] [--steps N] [--backends webgpu,webgl,wasm,cpu] [--quick]
  [--emit-every N] [--page-seconds S] [--memory-steps N] [--memory-backend NAME] [--skip baseline,single,page,memory] [--dev]
  [--flags JSON] [--prebuilt DIR]
  --steps          training steps per run (default 60; timed: all after the first --emit-every window)
  --quick          a cheap smoke run: 15 steps, 30 s on the page, no 500-step memory run
  --emit-every     steps per progress event, i.e. per timed window (default 5)
  --page-seconds   how long the page trains with live charts per backend (default 120)
  --memory-steps   steps of the memory run (default 500; 0 skips it); single-task preset
  --memory-backend backend of the memory run (default: the fastest single-task backend measured)
  --skip           parts to leave out: baseline (ratio A), single (ratio B), page, memory, best ("Best available")
  --dev            serve with Vite's dev server instead of a production build
  --flags          TF.js backend flags for the project's and the baseline's workers, e.g. '{"WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE":64}'
                   (not the page part, which runs the app as users get it)
  --prebuilt       serve this already built app folder with plain Node (no Vite; for a machine without the dependencies)`;

const PRESETS = {
  'three-tasks': ['sentiment', 'ner', 'pos'],
  'single-task': ['ner'],
} as const;
type PresetName = keyof typeof PRESETS;
const ALL_TASKS = PRESETS['three-tasks'];

/** One backend × preset: the JSON row. Times in ms; null where not measured (see notes). */
interface Row {
  backend: BackendName;
  preset: PresetName;
  tasks: readonly string[];
  skipped?: string;
  adapter?: unknown;
  steps?: number;
  /** Median over timed windows of ms per training step (all tasks of the preset). */
  msPerStep?: number | null;
  timedSteps?: number;
  windowMsPerStep?: (number | null)[];
  /** Non-padding tokens trained per second over the timed steps (all tasks). */
  tokensPerSecond?: number | null;
  examplesPerSecond?: number | null;
  firstLossMs?: number | null;
  wallSeconds?: number;
  parameterCount?: number | null;
  baselineMsPerStep?: number | null;
  baselineParameterCount?: number | null;
  baselineError?: string;
  /** Ratio A: project ms/step ÷ plain-TF.js baseline ms/step (goal ≤ 0.5). */
  ratioVsBaseline?: number | null;
  /** Ratio B (three-task row): three-task ms/step ÷ Σ single-task ms/step of its tasks (goal ≤ 0.6). */
  ratioMtlVsSingle?: number | null;
  singleTaskMsPerStep?: Record<string, number | null>;
  /** Longest main-thread task on the page while training the default preset with live charts (three-task row). */
  longestMainThreadTaskMs?: number | null;
  mainThread?: MainThreadReport;
  tensorsAfter50?: number | null;
  bytesAfter50?: number | null;
  tensorsAfter500?: number | null;
  bytesAfter500?: number | null;
}

interface Measured {
  run: HarnessRun;
  windows: TimedWindow[];
  msPerStep: number | null;
}

const log = (s: string) => process.stderr.write(`${s}\n`);

/** The per-step tokens and examples of a run, from the plan of its batches. */
function throughput(
  plan: BatchPlan,
  windows: readonly TimedWindow[],
): { tokensPerSecond: number | null; examplesPerSecond: number | null } {
  let tokens = 0;
  let examples = 0;
  let ms = 0;
  for (const w of windows) {
    ms += w.ms;
    for (let s = w.firstStep - 1; s < w.firstStep - 1 + w.steps; s++) {
      for (const t of plan.tasks) {
        tokens += t.tokens[s] ?? 0;
        examples += t.shapes[s]?.[0] ?? 0;
      }
    }
  }
  return ms > 0
    ? { tokensPerSecond: (tokens * 1000) / ms, examplesPerSecond: (examples * 1000) / ms }
    : { tokensPerSecond: null, examplesPerSecond: null };
}

/** The plan must be the batches the session drew: cumulative examples per step match the loss points'. */
function planMatches(plan: BatchPlan, run: HarnessRun): boolean {
  let examples = 0;
  const planned = new Map<number, number>();
  const steps = plan.tasks[0]?.shapes.length ?? 0;
  for (let s = 0; s < steps; s++) {
    for (const t of plan.tasks) examples += t.shapes[s]?.[0] ?? 0;
    planned.set(s + 1, examples);
  }
  const points = run.events.flatMap((e) => (e.type === 'progress' ? e.points : []));
  return points.length > 0 && points.every((p) => planned.get(p.step) === p.examples);
}

function memoryAt(run: HarnessRun, step: number): { tensors: number | null; bytes: number | null } {
  const samples = (run.memory ?? []).map((m) => ({ step: m.step, value: m.memory }));
  const m = atStep(samples, step);
  if (m) return { tensors: m.numTensors, bytes: m.numBytes };
  // Without the instrumented worker: the progress events' tensor count only.
  const tensors = atStep(
    run.events.flatMap((e) => (e.type === 'progress' ? [{ step: e.points.at(-1)?.step ?? 0, value: e.tensors }] : [])),
    step,
  );
  return { tensors, bytes: null };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      steps: { type: 'string' },
      backends: { type: 'string' },
      quick: { type: 'boolean' },
      'emit-every': { type: 'string' },
      'page-seconds': { type: 'string' },
      'memory-steps': { type: 'string' },
      'memory-backend': { type: 'string' },
      skip: { type: 'string' },
      dev: { type: 'boolean' },
      flags: { type: 'string' },
      prebuilt: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const quick = Boolean(values.quick);
  const number = (raw: string | undefined, fallback: number, name: string) => {
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`--${name} must be a whole number ≥ 0, got ${String(raw)}\n${USAGE}`);
    return n;
  };
  const steps = number(values.steps, quick ? 15 : 60, 'steps');
  const flags = values.flags ? (JSON.parse(values.flags) as BackendFlags) : {};
  const emitEvery = number(values['emit-every'], 5, 'emit-every');
  const pageSeconds = number(values['page-seconds'], quick ? 30 : 120, 'page-seconds');
  const memorySteps = number(values['memory-steps'], quick ? 0 : 500, 'memory-steps');
  const skip = new Set((values.skip ?? '').split(',').filter(Boolean));
  const backends = (values.backends ?? 'webgpu,webgl,wasm,cpu').split(',').filter(Boolean) as BackendName[];
  for (const b of backends)
    if (!['webgpu', 'webgl', 'wasm', 'cpu'].includes(b)) throw new Error(`unknown backend "${b}"\n${USAGE}`);
  if (steps < 2 * emitEvery)
    log(`note: ${steps} steps with --emit-every ${emitEvery} leave ${Math.max(0, steps - emitEvery)} timed steps`);

  const notes: string[] = [];
  const open = () =>
    BrowserHarness.open({ build: !values.dev, ...(values.prebuilt ? { prebuilt: values.prebuilt } : {}) });
  let harness = await open();
  /**
   * Runs one measurement; if the browser went away meanwhile (a crash, or a
   * process killed from outside on a shared machine), opens a new one and
   * tries once more, so one lost browser does not lose the whole bench.
   */
  const attempt = async <T>(what: string, measure: () => Promise<T>): Promise<T> => {
    try {
      return await measure();
    } catch (err) {
      if (harness.connected) throw err;
      log(
        `  the browser went away during ${what} (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); reopening and trying once more`,
      );
      notes.push(`The browser went away once during ${what}; that measurement was repeated in a new browser.`);
      await harness.close().catch(() => undefined);
      harness = await open();
      return measure();
    }
  };
  const rows: Row[] = [];
  let memoryRun: Record<string, unknown> | null = null;
  let bestAvailable: Record<string, unknown> | null = null;
  try {
    const files: Record<string, TaskFiles> = await harness.page.evaluate(() => window.mtlHarness.sampleFiles());
    const defaults = await harness.page.evaluate(() => window.mtlHarness.defaultExperiment());
    const taskSpecs = new Map(defaults.tasks.map((t) => [t.name, t]));
    /** The page's default experiment for these tasks, timed: no validation until the end, no early stop. */
    const configFor = (tasks: readonly string[], backend: BackendName, runSteps: number, every = emitEvery) => ({
      ...defaults,
      tasks: tasks.map((t) => taskSpecs.get(t)),
      weights: Object.fromEntries(tasks.map((t) => [t, 1])),
      backend,
      steps: runSteps,
      emitEvery: every,
      evalEvery: 1_000_000,
      patience: 0,
    });
    const plans = new Map<string, BatchPlan>();
    const planFor = async (tasks: readonly string[], runSteps: number): Promise<BatchPlan> => {
      const key = `${tasks.join(',')}/${runSteps}`;
      const cached = plans.get(key);
      if (cached) return cached;
      const config = configFor(tasks, 'cpu', runSteps);
      const plan = await attempt('a batch plan', () =>
        harness.page.evaluate(({ config, files, runSteps }) => window.mtlHarness.batchPlan(config, files, runSteps), {
          config,
          files,
          runSteps,
        }),
      );
      plans.set(key, plan);
      return plan;
    };
    const train = async (
      tasks: readonly string[],
      backend: BackendName,
      runSteps = steps,
      every = emitEvery,
    ): Promise<Measured> => {
      log(`${backend} / ${tasks.join('+')}: ${runSteps} steps…`);
      const config = configFor(tasks, backend, runSteps, every);
      const run = await attempt(`${backend}/${tasks.join('+')}`, () =>
        harness.page.evaluate(
          ({ config, files, flags }) => window.mtlHarness.benchRun(config, files, undefined, flags),
          { config, files, flags },
        ),
      );
      const windows = timedWindows(run.events);
      return { run, windows, msPerStep: medianMsPerStep(windows) };
    };
    const baseline = async (
      tasks: readonly string[],
      backend: BackendName,
    ): Promise<{ msPerStep: number | null; parameterCount: number | null; error?: string }> => {
      const plan = await planFor(tasks, steps);
      const { embeddingDim, hiddenSize, encoderLayers, kernelSize, headLayers, learningRate } = plan.settings;
      const request = {
        backend,
        flags,
        vocabularySize: plan.vocabularySize,
        embeddingDim,
        hiddenSize,
        encoderLayers,
        kernelSize,
        headLayers,
        learningRate,
        steps,
        tasks: plan.tasks.map(({ name, kind, numLabels, shapes }) => ({ name, kind, numLabels, shapes })),
      };
      log(`${backend} / ${tasks.join('+')}: plain TF.js baseline, ${steps} steps…`);
      const reply: BaselineReply = await attempt(`the ${backend}/${tasks.join('+')} baseline`, () =>
        harness.page.evaluate((r) => window.mtlHarness.baseline(r), request),
      );
      if (reply.kind === 'error') return { msPerStep: null, parameterCount: null, error: reply.message };
      return {
        msPerStep: medianMsPerStep(baselineWindows(reply.stepMs, emitEvery)),
        parameterCount: reply.parameterCount,
      };
    };

    for (const backend of backends) {
      const singles = new Map<string, Measured>();
      for (const [preset, tasks] of Object.entries(PRESETS) as [PresetName, readonly string[]][]) {
        const measured = await train(tasks, backend);
        const { run } = measured;
        if (run.errors.length > 0 || !run.result) {
          const reason = run.errors.map((e) => e.message).join('; ') || 'no result';
          rows.push({ backend, preset, tasks, skipped: reason });
          log(`  skipped: ${reason}`);
          continue;
        }
        if (preset === 'single-task') singles.set(tasks[0] as string, measured);
        const plan = await planFor(tasks, steps);
        const exact = planMatches(plan, run);
        if (!exact)
          notes.push(
            `${backend}/${preset}: the replayed batch plan did not match the run's examples; tokens/s is an estimate`,
          );
        const prepared = run.events.find((e) => e.type === 'prepared');
        const at50 = memoryAt(run, 50);
        rows.push({
          backend,
          preset,
          tasks,
          adapter: run.backend?.adapter ?? null,
          steps: run.result.steps,
          msPerStep: round(measured.msPerStep),
          timedSteps: measured.windows.reduce((n, w) => n + w.steps, 0),
          windowMsPerStep: measured.windows.map((w) => round(w.ms / w.steps)),
          ...Object.fromEntries(Object.entries(throughput(plan, measured.windows)).map(([k, v]) => [k, round(v, 0)])),
          firstLossMs: round(run.firstLossMs, 0),
          wallSeconds: round(run.wallSeconds) ?? 0,
          parameterCount: prepared?.type === 'prepared' ? prepared.parameterCount : null,
          tensorsAfter50: steps >= 50 ? at50.tensors : null,
          bytesAfter50: steps >= 50 ? at50.bytes : null,
          tensorsAfter500: null,
          bytesAfter500: null,
        });
        if (!skip.has('baseline')) {
          const row = rows.at(-1) as Row;
          const b = await baseline(tasks, backend);
          row.baselineMsPerStep = round(b.msPerStep);
          row.baselineParameterCount = b.parameterCount;
          if (b.error) row.baselineError = b.error;
          row.ratioVsBaseline =
            measured.msPerStep !== null && b.msPerStep ? round(measured.msPerStep / b.msPerStep, 3) : null;
        }
      }

      const three = rows.find((r) => r.backend === backend && r.preset === 'three-tasks' && !r.skipped);
      if (three && !skip.has('single')) {
        // Ratio B: the three tasks trained alone, same steps and settings.
        for (const task of ALL_TASKS) if (!singles.has(task)) singles.set(task, await train([task], backend));
        const perTask = Object.fromEntries(ALL_TASKS.map((t) => [t, round(singles.get(t)?.msPerStep ?? null)]));
        three.singleTaskMsPerStep = perTask;
        const sum = ALL_TASKS.reduce((s, t) => s + (singles.get(t)?.msPerStep ?? NaN), 0);
        three.ratioMtlVsSingle = three.msPerStep && Number.isFinite(sum) ? round(three.msPerStep / sum, 3) : null;
      }
      if (three && !skip.has('page') && pageSeconds > 0) {
        log(`${backend} / page with live charts: ${pageSeconds} s…`);
        const report = await attempt(`the ${backend} page`, () =>
          measureMainThread(harness, { backend, seconds: pageSeconds, steps: 5000, log }),
        );
        three.longestMainThreadTaskMs = report.longestMainThreadTaskMs;
        three.mainThread = report;
      }
    }

    // What "Best available" chooses for the three-task preset, with the calibration's own figures.
    if (!skip.has('best')) {
      log('best available / three tasks: calibration and a short run…');
      const config = { ...configFor(ALL_TASKS, 'cpu', 2 * emitEvery), backend: 'auto' };
      const run = await attempt('best available', () =>
        harness.page.evaluate(({ config, files }) => window.mtlHarness.benchRun(config, files), { config, files }),
      );
      bestAvailable = {
        chose: run.backend?.name ?? null,
        calibration: run.backend?.calibration ?? null,
        skipped: run.backend?.skipped ?? [],
        error: run.errors.map((e) => e.message).join('; ') || undefined,
      };
      const chosen = rows.find((r) => r.backend === run.backend?.name && r.preset === 'three-tasks');
      const fastest = rows
        .filter((r) => r.preset === 'three-tasks' && !r.skipped && r.msPerStep)
        .sort((a, b) => (a.msPerStep ?? Infinity) - (b.msPerStep ?? Infinity))[0];
      log(
        `  best available chose ${run.backend?.name ?? 'nothing'}${chosen?.msPerStep ? ` (${chosen.msPerStep} ms/step above)` : ''}; fastest measured above: ${fastest ? `${fastest.backend} (${fastest.msPerStep} ms/step)` : '–'}`,
      );
      notes.push(
        'bestAvailable: the three-task preset with backend "auto" in a fresh worker, whose calibration times the GPU backends on the same model (its figures include one compilation step each and read the loss back every step).',
      );
    }

    // Memory over a long run: single-task preset on one (by default the fastest) backend.
    if (!skip.has('memory') && memorySteps > 0) {
      const candidates = rows.filter((r) => r.preset === 'single-task' && !r.skipped && r.msPerStep);
      const fastest = [...candidates].sort((a, b) => (a.msPerStep ?? Infinity) - (b.msPerStep ?? Infinity))[0];
      const backend = (values['memory-backend'] as BackendName | undefined) ?? fastest?.backend;
      if (backend) {
        const { run } = await train(PRESETS['single-task'], backend, memorySteps, 10);
        const at50 = memoryAt(run, 50);
        const atEnd = memoryAt(run, memorySteps);
        memoryRun = {
          backend,
          preset: 'single-task',
          steps: memorySteps,
          error: run.errors.map((e) => e.message).join('; ') || undefined,
          samples: (run.memory ?? []).filter((m) => m.step % 50 === 0).map((m) => ({ step: m.step, ...m.memory })),
        };
        const row = rows.find((r) => r.backend === backend && r.preset === 'single-task');
        if (row) {
          row.tensorsAfter50 = at50.tensors;
          row.bytesAfter50 = at50.bytes;
          row.tensorsAfter500 = atEnd.tensors;
          row.bytesAfter500 = atEnd.bytes;
        }
        notes.push(
          `tensorsAfter500/bytesAfter500 come from one ${memorySteps}-step run of the single-task preset on ${backend} (memoryRun); other rows have tensorsAfter50 from their ${steps}-step runs.`,
        );
      }
    }
    notes.push(
      "msPerStep: median over windows of --emit-every steps (the first window, with shader compilation, left out) of the session's own step time, which includes reading the losses back once per window.",
      'tokensPerSecond: non-padding tokens of the exact batches each run trained on (its seeded samplers replayed in the page), summed over the timed steps, ÷ timed seconds.',
      'Baseline (ratio A): a tf.LayersModel per task over shared embedding + Conv1D layers, trainOnBatch one task after another, same batch shapes, random ids and labels; no masking and no gradient clipping (the project masks padding and clips).',
      'longestMainThreadTaskMs: the longest PerformanceObserver "longtask" on the app page (production build) after pressing Train; 0 means no task over 50 ms.',
    );

    const cpu = os.cpus();
    const report = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpu.length,
        model: cpu[0]?.model ?? 'unknown',
        memoryGiB: round(os.totalmem() / 2 ** 30),
        platform: `${os.platform()} ${os.release()}`,
        loadAverage: os.loadavg().map((l) => round(l, 2)),
      },
      browser: await harness.browserVersion(),
      served: values.prebuilt
        ? `production build served from ${values.prebuilt}`
        : values.dev
          ? 'vite dev server'
          : 'production build (vite build + preview)',
      settings: {
        steps,
        emitEvery,
        pageSeconds,
        memorySteps,
        flags,
        model: (await planFor(PRESETS['three-tasks'], steps)).settings,
      },
      rows,
      bestAvailable,
      memoryRun,
      notes,
    };
    if (values.out) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n\n${markdown(rows)}`);
  } finally {
    await harness.close();
  }
}

function markdown(rows: readonly Row[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '–' : String(v));
  const lines = [
    '| backend | preset | ms/step (median) | tokens/s | first loss (ms) | baseline ms/step | ratio A (≤ 0.5) | ratio B (≤ 0.6) | longest main-thread task (ms) | tensors @50 | tensors @500 | note |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const adapter = r.adapter as { architecture?: string } | null | undefined;
    const note =
      r.skipped ??
      [
        adapter?.architecture ? `adapter: ${adapter.architecture}` : '',
        r.baselineError ? `baseline failed: ${r.baselineError}` : '',
      ]
        .filter(Boolean)
        .join('; ');
    lines.push(
      `| ${r.backend} | ${r.preset} | ${cell(r.msPerStep)} | ${cell(r.tokensPerSecond)} | ${cell(r.firstLossMs)} | ${cell(r.baselineMsPerStep)} | ${cell(r.ratioVsBaseline)} | ${cell(r.ratioMtlVsSingle)} | ${cell(r.longestMainThreadTaskMs)} | ${cell(r.tensorsAfter50)} | ${cell(r.tensorsAfter500)} | ${note} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
