import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { BackendName } from '../src/config/experiment';
import { BrowserHarness } from './browserHarness';

/**
 * Milliseconds per training step on each backend, measured side by side in
 * one run on the built-in samples (three tasks and one task). A backend that
 * cannot start is skipped with its reason. Issue 6 extends this harness.
 */
const PRESETS = {
  'three-tasks': ['sentiment', 'ner', 'pos'],
  'single-task': ['ner'],
} as const;

const TASK_SPECS = {
  sentiment: { name: 'sentiment', kind: 'classification', format: 'tsv' },
  ner: { name: 'ner', kind: 'tagging', format: 'iob2' },
  pos: { name: 'pos', kind: 'tagging', format: 'conllu' },
} as const;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, steps: { type: 'string' }, backends: { type: 'string' } } });
  const steps = Number(values.steps ?? 40);
  const backends = (values.backends ?? 'webgpu,webgl,cpu').split(',') as BackendName[];
  const harness = await BrowserHarness.open();
  const rows: Record<string, unknown>[] = [];
  try {
    const files = await harness.page.evaluate(() => window.mtlHarness.sampleFiles());
    for (const backend of backends) {
      for (const [preset, tasks] of Object.entries(PRESETS)) {
        const config = {
          tasks: tasks.map((t) => TASK_SPECS[t]),
          backend,
          embeddingDim: 32,
          hiddenSize: 64,
          batchSize: 16,
          maxLength: 32,
          steps,
          emitEvery: 10,
          evalEvery: 1_000_000,
          validationFraction: 0,
        };
        process.stderr.write(`${backend} / ${preset}: ${steps} steps…\n`);
        const run = await harness.run(config, files);
        const tokens = run.events.flatMap((e) => (e.type === 'progress' ? e.points : [])).length;
        if (run.errors.length > 0 || !run.result) {
          rows.push({ backend, preset, skipped: run.errors.map((e) => e.message).join('; ') || 'no result' });
          continue;
        }
        rows.push({
          backend: run.backend?.name,
          preset,
          adapter: run.backend?.adapter ?? null,
          steps: run.result.steps,
          msPerStep: Number(run.result.msPerStep.toFixed(1)),
          firstLossMs: run.firstLossMs === null ? null : Math.round(run.firstLossMs),
          pointsStreamed: tokens,
        });
      }
    }
    const report = { machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`, browser: await harness.browserVersion(), rows };
    if (values.out) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n\n`);
    process.stdout.write('| backend | preset | ms/step | first loss (ms) | note |\n|---|---|---|---|---|\n');
    for (const r of rows) {
      process.stdout.write(`| ${String(r.backend)} | ${String(r.preset)} | ${String(r.msPerStep ?? '–')} | ${String(r.firstLossMs ?? '–')} | ${String(r.skipped ?? (r.adapter ? JSON.stringify(r.adapter) : ''))} |\n`);
    }
  } finally {
    await harness.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
