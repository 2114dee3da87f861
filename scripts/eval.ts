import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { summariseFile } from '../src/data/inspect';
import { BrowserHarness } from './browserHarness';
import { loadEvalSetup, readTaskFiles } from './evalConfig';

const USAGE = 'usage: npm run eval -- --config FILE.json [--out results.json] [--inspect] [--quiet]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { config: { type: 'string' }, out: { type: 'string' }, inspect: { type: 'boolean' }, quiet: { type: 'boolean' } },
  });
  if (!values.config) throw new Error(`--config is required\n${USAGE}`);
  const setup = loadEvalSetup(values.config);
  const files = readTaskFiles(setup);

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

  const harness = await BrowserHarness.open();
  try {
    const log = (s: string) => values.quiet || process.stderr.write(`${s}\n`);
    const run = await harness.run(setup.raw, files, (event) => {
      if (event.type === 'progress') {
        const p = event.points.at(-1);
        if (p) log(`step ${p.step}  ${Object.entries(p.losses).map(([t, l]) => `${t} ${l.toFixed(3)}`).join('  ')}  (${event.msPerStep.toFixed(0)} ms/step)`);
      } else if (event.type === 'validation') {
        log(`validation @${event.point.step}: weighted loss ${event.point.weightedLoss.toFixed(4)}${event.point.improved ? ' (best)' : ''}`);
      } else if (event.type === 'warning' || event.type === 'diverged') {
        log(`warning: ${event.message}`);
      }
    });
    if (run.errors.length > 0 || !run.result) {
      throw new Error(run.errors.map((e) => `${e.name}: ${e.message}`).join('\n') || 'the run ended without a result');
    }
    const r = run.result;
    emit(
      {
        backend: run.backend?.name,
        adapter: run.backend?.adapter ?? null,
        skippedBackends: run.backend?.skipped ?? [],
        browser: await harness.browserVersion(),
        sharing: setup.config.sharing,
        encoder: setup.config.encoder,
        tasks: Object.fromEntries(Object.entries(r.test).map(([name, m]) => [name, { split: r.testSplit[name], ...m }])),
        steps: r.steps,
        reason: r.reason,
        bestStep: r.bestStep,
        msPerStep: Number(r.msPerStep.toFixed(2)),
        trainingSeconds: Number(r.trainingSeconds.toFixed(1)),
        wallSeconds: Number(run.wallSeconds.toFixed(1)),
      },
      values.out,
    );
  } finally {
    await harness.close();
  }
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
