import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { serveApp } from './browserHarness';
import { chromiumLaunchOptions } from './chromium';
import type * as BenchPage from './rowLookupBench.page';

/**
 * `npm run bench:lookup -- [--rows 24000] [--tokens 1536] [--backends webgl,webgpu]`:
 * ms for the table gradient of one embedding lookup (a three-task batch's
 * 1,536 tokens into the page's 24,000-row tables), with tf.gather's own
 * gradient and with the planned one, side by side in one browser, one
 * fresh page per backend. Also prints the largest difference between the two.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string' },
      tokens: { type: 'string' },
      width: { type: 'string' },
      repeats: { type: 'string' },
      backends: { type: 'string' },
    },
  });
  const rows = Number(values.rows ?? 24000);
  const tokens = Number(values.tokens ?? 1536);
  const width = Number(values.width ?? 64);
  const repeats = Number(values.repeats ?? 3);
  const served = await serveApp({});
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    console.log(`rows ${rows}, tokens ${tokens}, width ${width}, ${repeats} repeats after one warm-up`);
    console.log('backend | tf.gather gradient ms | planned ms | speed-up | max |difference|');
    for (const backend of (values.backends ?? 'webgl,webgpu').split(',')) {
      const page = await browser.newPage();
      await page.goto(`http://localhost:${served.port}/harness.html`);
      const r = await page.evaluate(
        async ([b, r, w, t, n]) => {
          const url = '/scripts/rowLookupBench.page.ts';
          const bench = (await import(/* @vite-ignore */ url)) as typeof BenchPage;
          return bench.timeTableGradient(b, r, w, t, n);
        },
        [backend, rows, width, tokens, repeats] as const,
      );
      console.log(
        `${backend} | ${r.gatherMs.toFixed(1)} | ${r.plannedMs.toFixed(1)} | ${(r.gatherMs / r.plannedMs).toFixed(1)}× | ${r.maxDifference.toExponential(2)}`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    await served.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
