import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { serveApp } from './browserHarness';
import { chromiumLaunchOptions } from './chromium';
import type * as FirstStepPage from '../harness/firstSteps';

/**
 * How long a run's first WebGPU step takes with its kernels compiled ahead
 * (src/train/compileAhead.ts) and without: the page's default experiment on
 * the built-in samples, each measurement in a fresh browser (no pipeline
 * cached), the two modes interleaved round by round.
 *
 * `npm run bench:first-step -- [--rounds 3] [--steps 3]`; prints JSON.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string' }, steps: { type: 'string' } } });
  const rounds = Number(values.rounds ?? 3);
  const steps = Number(values.steps ?? 3);
  if (!(rounds >= 1 && steps >= 2)) throw new Error('--rounds must be at least 1 and --steps at least 2');
  const served = await serveApp({});
  const runs: FirstStepPage.FirstSteps[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternate which mode goes first, so a drift in the machine's load falls on both alike.
      for (const ahead of round % 2 === 0 ? [false, true] : [true, false]) {
        const browser = await chromium.launch(chromiumLaunchOptions());
        try {
          const page = await browser.newPage();
          await page.goto(`http://localhost:${served.port}/harness.html`);
          const run = await page.evaluate(
            async ([a, n]) => {
              const url = '/harness/firstSteps.ts';
              const bench = (await import(/* @vite-ignore */ url)) as typeof FirstStepPage;
              return bench.timeFirstSteps(a, n);
            },
            [ahead, steps] as const,
          );
          runs.push(run);
          process.stderr.write(
            `round ${round + 1}, compile ahead ${ahead ? 'on ' : 'off'}: ${Math.round(run.aheadMs)} ms ahead (${run.pipelines} pipelines) + first step ${Math.round(run.firstStepMs)} ms; later steps ${run.laterStepMs.map(Math.round).join(', ')} ms\n`,
          );
        } finally {
          await browser.close();
        }
      }
    }
  } finally {
    await served.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const summary = [false, true].map((ahead) => {
    const mine = runs.filter((r) => r.compileAhead === ahead);
    return {
      compileAhead: ahead,
      medianToFirstLossMs: Math.round(median(mine.map((r) => r.aheadMs + r.firstStepMs))),
      medianAheadMs: Math.round(median(mine.map((r) => r.aheadMs))),
      medianFirstStepMs: Math.round(median(mine.map((r) => r.firstStepMs))),
      medianLaterStepMs: Math.round(median(mine.flatMap((r) => r.laterStepMs))),
    };
  });
  const sameLosses = runs.every((r) => r.totals.every((t, i) => t === runs[0]?.totals[i]));
  process.stdout.write(`${JSON.stringify({ summary, sameLosses, runs }, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`first-step bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
