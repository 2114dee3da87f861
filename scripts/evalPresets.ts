import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { PRESETS, type Preset } from '../app/link/presets';
import { toExperiment } from '../app/settings/experimentForm';
import { headlineMetric } from '../src/metrics/taskMetrics';
import type { TaskFiles } from '../src/data/prepare';
import { meanSd, seedNoiseVerdict } from '../src/metrics/seedNoise';
import { runInNode } from './nodeRun';
import { pageCorpora } from './realCorpora';

const USAGE =
  'usage: npm run eval:presets -- [--seeds 5] [--presets id,id] [--out eval/results/DATE-presets.json] [--app app/link/presetResults.json]';

/** One preset's headline metric on `task`, per seed, trained in Node exactly as the page would train it (its form → experiment). */
async function metricOverSeeds(
  p: Preset,
  task: string,
  seeds: readonly number[],
  files: Record<string, TaskFiles>,
): Promise<number[]> {
  const out: number[] = [];
  for (const seed of seeds) {
    const raw: Record<string, unknown> = { ...toExperiment({ ...p.form, seed }), interactionEvery: 0 };
    const names = (raw.tasks as { name: string }[]).map((t) => t.name);
    const result = await runInNode(raw, Object.fromEntries(names.map((n) => [n, files[n] as TaskFiles])));
    const metrics = result.test[task];
    if (!metrics) throw new Error(`${p.id}: no test metrics for ${task}`);
    const kind =
      (raw.tasks as { name: string; kind: 'tagging' | 'classification' }[]).find((t) => t.name === task)?.kind ??
      'tagging';
    const value = headlineMetric(kind, metrics).value;
    process.stderr.write(`${p.id} seed ${seed}: ${task} ${(value * 100).toFixed(1)}\n`);
    out.push(value);
  }
  return out;
}

/**
 * Checks each preset's claim over seeds on the real corpora: the preset
 * against its baseline preset on one task's headline metric (entity F1,
 * accuracy). Writes the results for the record (--out) and for the page
 * (--app), which shows them under the preset's explanation.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string' },
      presets: { type: 'string' },
      out: { type: 'string' },
      app: { type: 'string' },
    },
  });
  const count = Number(values.seeds ?? 5);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--seeds must be a whole number ≥ 1\n${USAGE}`);
  const seeds = Array.from({ length: count }, (_, i) => i + 1);
  const wanted = values.presets?.split(',');
  const claims = PRESETS.filter((p) => p.claim && (!wanted || wanted.includes(p.id)));
  const files = pageCorpora();
  const date = new Date().toISOString().slice(0, 10);
  const results: Record<string, unknown> = {};
  for (const p of claims) {
    const claim = p.claim as NonNullable<Preset['claim']>;
    const baseline = PRESETS.find((b) => b.id === claim.baseline);
    if (!baseline) throw new Error(`${p.id}: no baseline preset ${claim.baseline}`);
    const base = await metricOverSeeds(baseline, claim.task, seeds, files);
    const with_ = await metricOverSeeds(p, claim.task, seeds, files);
    const noise = seedNoiseVerdict(base, with_);
    results[p.id] = {
      task: claim.task,
      baseline: claim.baseline,
      seeds,
      baselineRuns: base,
      presetRuns: with_,
      baselineMean: meanSd(base).mean,
      presetMean: meanSd(with_).mean,
      difference: noise.difference,
      spread: noise.spread,
      verdict: noise.verdict,
      backend: `tfjs WASM in Node ${process.version} (steps, not seconds, so the backend does not change the figure)`,
      date,
    };
    process.stdout.write(
      `${p.id} vs ${claim.baseline}, ${claim.task}: ${(meanSd(with_).mean * 100).toFixed(1)} vs ${(meanSd(base).mean * 100).toFixed(1)}, difference ${(noise.difference * 100).toFixed(1)} ± ${(noise.spread * 100).toFixed(1)} (${noise.verdict})\n`,
    );
  }
  if (values.out) {
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
  }
  // The page's file keeps the claims not measured this time (--presets measures a few).
  if (values.app) {
    const earlier = existsSync(values.app)
      ? (JSON.parse(readFileSync(values.app, 'utf8')) as Record<string, unknown>)
      : {};
    writeFileSync(values.app, `${JSON.stringify({ ...earlier, ...results }, null, 2)}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`eval:presets failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
