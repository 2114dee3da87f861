import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { WEIGHTING_METHODS } from '../src/train/weighting/methods';
import { BrowserHarness } from './browserHarness';
import { median, medianMsPerStep, round, timedWindows } from './benchStats';
import { loadEvalSetup, parseOverrides, readTaskFiles } from './evalConfig';

const USAGE =
  'usage: npm run eval:cost -- --config FILE.json [--methods manual,pcgrad,…] [--steps 40] [--rounds 3] [--backend webgl] [--out FILE.json] [--set key=value | weights.TASK=w | tasks.TASK.key=value ...]';

/**
 * What each weighting method costs per training step, relative to plain
 * weighted training (manual), measured side by side in one run: methods are
 * interleaved round by round so that drift of the machine's load falls on
 * all of them alike. Gradient cosines are off (their cost is the same for
 * every method that does not already have per-task gradients).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      methods: { type: 'string' },
      steps: { type: 'string' },
      rounds: { type: 'string' },
      backend: { type: 'string' },
      out: { type: 'string' },
      set: { type: 'string', multiple: true },
    },
  });
  if (!values.config) throw new Error(`--config is required\n${USAGE}`);
  const overrides = parseOverrides(values.set ?? []);
  const setup = loadEvalSetup(values.config, overrides);
  const files = readTaskFiles(setup);
  const methods = values.methods ? values.methods.split(',') : [...WEIGHTING_METHODS];
  const steps = Number(values.steps ?? 40);
  const rounds = Number(values.rounds ?? 3);
  const backend = values.backend ?? setup.config.backend;
  const perRound: Record<string, number[]> = {};
  const harness = await BrowserHarness.open();
  try {
    for (let r = 1; r <= rounds; r++) {
      for (const method of methods) {
        const run = await harness.run(
          {
            ...setup.raw,
            backend,
            weighting: method,
            steps,
            emitEvery: 5,
            evalEvery: 1_000_000,
            patience: 0,
            interactionEvery: 0,
          },
          files,
        );
        if (run.errors.length > 0) throw new Error(`${method}: ${run.errors.map((e) => e.message).join('; ')}`);
        const ms = medianMsPerStep(timedWindows(run.events));
        if (ms === null) throw new Error(`${method}: no timed steps`);
        (perRound[method] ??= []).push(ms);
        process.stderr.write(`round ${r} ${method}: ${ms.toFixed(1)} ms/step\n`);
      }
    }
    const manual = median(perRound.manual ?? []) ?? NaN;
    const report = {
      config: values.config,
      overrides,
      browser: await harness.browserVersion(),
      backend,
      steps,
      rounds,
      methods: Object.fromEntries(
        methods.map((m) => {
          const ms = median(perRound[m] ?? []) ?? NaN;
          return [
            m,
            {
              msPerStep: round(ms),
              perRound: (perRound[m] ?? []).map((v) => round(v)),
              costVsManual: round(ms / manual, 2),
            },
          ];
        }),
      ),
    };
    if (values.out) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(
      `${JSON.stringify(report, null, 2)}\n\n| method | ms/step (median of ${rounds} rounds) | cost vs manual |\n|---|---|---|\n`,
    );
    for (const m of methods) {
      const r = report.methods[m] as { msPerStep: number; costVsManual: number };
      process.stdout.write(`| ${m} | ${r.msPerStep} | ${r.costVsManual.toFixed(2)}× |\n`);
    }
  } finally {
    await harness.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`eval:cost failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
