import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pageCorpora } from './realCorpora';
import { pageEvalEvery } from '../src/config/fields';
import type { BackendInfo, TrainingEvent } from '../src/train/events';
import { BrowserHarness } from './browserHarness';

const USAGE =
  'usage: npm run eval:time-to-quality -- [--backend auto|webgpu|webgl|cpu] [--steps N] [--pos 0.9] [--ner 0.4] [--out file.json] [--prebuilt DIR]';

/**
 * Time to quality: the page's default experiment (all three tasks, the
 * default model, "Best available" unless --backend says otherwise) trained
 * on the real corpora in the production build's worker, timed from Train
 * until POS validation accuracy ≥ --pos and NER validation F1 ≥ --ner. Prints
 * every validation with its time, and the share of the time validation took.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string' },
      steps: { type: 'string' },
      pos: { type: 'string' },
      ner: { type: 'string' },
      out: { type: 'string' },
      prebuilt: { type: 'string' },
    },
  });
  const posTarget = Number(values.pos ?? 0.9);
  const nerTarget = Number(values.ner ?? 0.4);
  if (!Number.isFinite(posTarget) || !Number.isFinite(nerTarget)) throw new Error(USAGE);
  const harness = await BrowserHarness.open(values.prebuilt ? { prebuilt: values.prebuilt } : { build: true });
  try {
    const config: Record<string, unknown> = {
      ...(await harness.page.evaluate(() => window.mtlHarness.defaultExperiment())),
    };
    if (values.backend) config.backend = values.backend;
    if (values.steps) {
      config.steps = Number(values.steps);
      config.evalEvery = pageEvalEvery(Number(values.steps));
    }
    const started = Date.now();
    const elapsed = (): number => (Date.now() - started) / 1000;
    const validations: { seconds: number; step: number; metrics: Record<string, number> }[] = [];
    let reached: number | null = null;
    let backend: BackendInfo | null = null;
    // Where the time before the first step goes: the corpora parsed, the backend chosen (calibrated), the first steps.
    const startup: { prepared?: number; backendChosen?: number; firstProgress?: number } = {};
    const browser = await harness.browserVersion();
    const settings = {
      steps: config.steps,
      evalEvery: config.evalEvery,
      representation: config.representation,
      hiddenSize: config.hiddenSize,
      batchSize: config.batchSize,
    };
    // Rewritten at every validation, so a run stopped by hand (a full page run takes hours here) keeps its record.
    const writeReport = (extra: Record<string, unknown>): string => {
      const json = JSON.stringify(
        {
          browser,
          backend,
          config: settings,
          targets: { pos: posTarget, ner: nerTarget },
          secondsToQuality: reached,
          startupSeconds: startup,
          validations,
          ...extra,
        },
        null,
        2,
      );
      if (values.out) writeFileSync(values.out, `${json}\n`);
      return json;
    };
    const onBackend = (info: BackendInfo) => {
      backend = info;
      startup.backendChosen = elapsed();
      process.stderr.write(`${elapsed().toFixed(0)} s: backend ${JSON.stringify(info)}\n`);
    };
    const onEvent = (event: TrainingEvent) => {
      if (event.type === 'prepared') {
        startup.prepared = elapsed();
        process.stderr.write(`${startup.prepared.toFixed(0)} s: corpora prepared\n`);
      }
      if (event.type === 'progress') {
        startup.firstProgress ??= elapsed();
        const p = event.points.at(-1);
        if (p)
          process.stderr.write(`${elapsed().toFixed(0)} s: step ${p.step} (${event.msPerStep.toFixed(0)} ms/step)\n`);
      }
      if (event.type !== 'validation') return;
      const m = event.point.metrics;
      const metrics = {
        pos: m.pos?.accuracy ?? Number.NaN,
        ner: m.ner?.f1 ?? Number.NaN,
        sentiment: m.sentiment?.accuracy ?? Number.NaN,
      };
      const seconds = elapsed();
      validations.push({ seconds, step: event.point.step, metrics });
      process.stderr.write(
        `${seconds.toFixed(0)} s, step ${event.point.step}: POS ${metrics.pos.toFixed(3)}, NER F1 ${metrics.ner.toFixed(3)}, sentiment ${metrics.sentiment.toFixed(3)}\n`,
      );
      if (reached === null && metrics.pos >= posTarget && metrics.ner >= nerTarget) reached = seconds;
      writeReport({ finished: false });
    };
    const run = await harness.run(config, pageCorpora(), onEvent, onBackend);
    if (run.errors.length > 0) throw new Error(run.errors.map((e) => e.message).join('; '));
    const json = writeReport({
      finished: true,
      msPerStep: run.result?.msPerStep,
      trainingSeconds: run.result?.trainingSeconds,
      validationSeconds: run.result?.validationSeconds,
      validationShare: run.result
        ? (run.result.validationSeconds ?? 0) / (run.result.trainingSeconds + (run.result.validationSeconds ?? 0))
        : null,
      test:
        run.result?.test &&
        Object.fromEntries(Object.entries(run.result.test).map(([t, m]) => [t, { accuracy: m.accuracy, f1: m.f1 }])),
    });
    process.stdout.write(`${json}\n`);
  } finally {
    await harness.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`time to quality failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
