import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { serveApp } from './browserHarness';
import { chromiumLaunchOptions } from './chromium';
import { longestTask, watchLongestTask } from './longestTask';

/**
 * Soak: the page trains three tasks with its charts live for a fixed time (or
 * step count) and reports, at intervals, the worker's tensors, the page's JS
 * heap and the longest main-thread task. Prints a markdown table; --out writes JSON.
 * It serves the production build (what users run); --dev serves the dev server.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string' },
      steps: { type: 'string' },
      every: { type: 'string' },
      out: { type: 'string' },
      backend: { type: 'string' },
      dev: { type: 'boolean' },
    },
  });
  const minutes = Number(values.minutes ?? 30);
  const steps = Number(values.steps ?? 20_000);
  const everySeconds = Number(values.every ?? 120);
  const server = await serveApp({ build: !values.dev });
  const browser = await chromium.launch(chromiumLaunchOptions());
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await watchLongestTask(page);
  const query = `tasks=sentiment,ner,pos&steps=${steps}&hidden=32&emb=32&batch=16&patience=0&backend=${values.backend ?? 'auto'}&autorun=1&debug=1`;
  await page.goto(`http://localhost:${server.port}/?${query}`);
  const started = Date.now();
  const samples: Record<string, unknown>[] = [];
  const sample = async () => {
    const longestTaskMs = await longestTask(page, true);
    const s = await page.evaluate(() => {
      const w = window as unknown as {
        mtlDebug: { state: () => Record<string, unknown> };
        performance: Performance & { memory?: { usedJSHeapSize: number } };
      };
      return { ...w.mtlDebug.state(), jsHeapMB: (w.performance.memory?.usedJSHeapSize ?? 0) / 2 ** 20 };
    });
    const row: Record<string, unknown> = {
      minute: Number(((Date.now() - started) / 60_000).toFixed(1)),
      ...s,
      longestTaskMs,
    };
    samples.push(row);
    process.stderr.write(`${JSON.stringify(row)}\n`);
    return row;
  };
  try {
    for (;;) {
      await page.waitForTimeout(everySeconds * 1000);
      const row = await sample();
      if (row.status === 'finished' || row.status === 'failed' || Date.now() - started > minutes * 60_000) break;
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const report = {
    minutes,
    steps,
    query,
    served: values.dev ? 'vite dev server' : 'production build (vite build + preview)',
    samples,
  };
  if (values.out) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    '| minute | step | worker tensors | JS heap (MB) | longest main-thread task since last row (ms) | ms/step |\n|---|---|---|---|---|---|\n',
  );
  for (const r of samples) {
    process.stdout.write(
      `| ${String(r.minute)} | ${String(r.lastStep)} | ${String(r.tensors)} | ${Number(r.jsHeapMB).toFixed(1)} | ${Number(r.longestTaskMs).toFixed(0)} | ${Number(r.msPerStep).toFixed(0)} |\n`,
    );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`soak failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
