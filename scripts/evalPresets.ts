import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fork, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PRESETS, type Preset } from '../app/link/presets';
import { toExperiment } from '../app/settings/experimentForm';
import { headlineMetric } from '../src/metrics/taskMetrics';
import type { TaskFiles } from '../src/data/prepare';
import { meanSd, seedNoiseVerdict } from '../src/metrics/seedNoise';
import { runInNode } from './nodeRun';
import { pageCorpora } from './realCorpora';
import { inPool } from './pool';

const USAGE =
  'usage: npm run eval:presets -- [--seeds 5] [--presets id,id] [--jobs 2] [--out eval/results/DATE-presets.json] [--app app/link/presetResults.json]';

/** One preset's headline metric on `task` for one seed, trained in this process exactly as the page would train it (its form → experiment). */
async function metricOfRun(p: Preset, task: string, seed: number, files: Record<string, TaskFiles>): Promise<number> {
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
  return value;
}

/** Children still training: stopped if the parent fails, so no run keeps a core busy after the script has exited. */
const liveChildren = new Set<ChildProcess>();

/** The same run in a child process: the WASM backend trains on one core, so `--jobs 2` uses both. */
function metricInChild(p: Preset, task: string, seed: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--one', p.id, '--task', task, '--seed', String(seed)], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let printed = '';
    child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    liveChildren.add(child);
    child.on('error', reject);
    child.on('exit', (code) => {
      liveChildren.delete(child);
      const value = Number(printed.trim().split('\n').pop());
      if (code === 0 && Number.isFinite(value)) resolve(value);
      else reject(new Error(`${p.id} seed ${seed}: the child run exited with ${code}`));
    });
  });
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
      jobs: { type: 'string' },
      one: { type: 'string' },
      task: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  // A child of --jobs: one run, its value on stdout.
  if (values.one) {
    const p = PRESETS.find((q) => q.id === values.one);
    if (!p) throw new Error(`--one: no preset ${values.one}\n${USAGE}`);
    const taskNames = toExperiment(p.form).tasks.map((t) => t.name);
    if (!values.task || !taskNames.includes(values.task))
      throw new Error(`--one ${p.id} needs --task, one of ${taskNames.join(', ')}\n${USAGE}`);
    const seed = Number(values.seed);
    if (!Number.isInteger(seed) || seed < 1) throw new Error(`--one needs --seed, a whole number ≥ 1\n${USAGE}`);
    process.stdout.write(`${await metricOfRun(p, values.task, seed, pageCorpora())}\n`);
    return;
  }
  const jobs = Number(values.jobs ?? 1);
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs must be a whole number ≥ 1\n${USAGE}`);
  const count = Number(values.seeds ?? 5);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--seeds must be a whole number ≥ 1\n${USAGE}`);
  const seeds = Array.from({ length: count }, (_, i) => i + 1);
  const wanted = values.presets?.split(',');
  const claims = PRESETS.filter((p) => p.claim && (!wanted || wanted.includes(p.id)));
  const unknown = wanted?.filter((id) => !claims.some((p) => p.id === id)) ?? [];
  if (unknown.length > 0)
    throw new Error(
      `--presets: ${unknown.join(', ')} is not a preset that makes a claim (${PRESETS.filter((p) => p.claim)
        .map((p) => p.id)
        .join(', ')})\n${USAGE}`,
    );
  const files = jobs === 1 ? pageCorpora() : {};
  const run = (p: Preset, task: string, seed: number) => (): Promise<number> =>
    jobs === 1 ? metricOfRun(p, task, seed, files) : metricInChild(p, task, seed);
  const date = new Date().toISOString().slice(0, 10);
  const pairs = claims.map((p) => {
    const claim = p.claim as NonNullable<Preset['claim']>;
    const baseline = PRESETS.find((b) => b.id === claim.baseline);
    if (!baseline) throw new Error(`${p.id}: no baseline preset ${claim.baseline}`);
    return { p, claim, baseline };
  });
  // Every claim's baseline and preset seeds share one pool, so at most `jobs` runs train at once and no lane idles between claims.
  const all = await inPool(
    pairs.flatMap(({ p, claim, baseline }) => [
      ...seeds.map((seed) => run(baseline, claim.task, seed)),
      ...seeds.map((seed) => run(p, claim.task, seed)),
    ]),
    jobs,
  );
  const results: Record<string, unknown> = {};
  pairs.forEach(({ p, claim }, k) => {
    const both = all.slice(2 * k * seeds.length, 2 * (k + 1) * seeds.length);
    const base = both.slice(0, seeds.length);
    const with_ = both.slice(seeds.length);
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
  });
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
  for (const child of liveChildren) child.kill();
  process.exit(1);
});
