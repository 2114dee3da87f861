import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { serveApp } from './browserHarness';
import { chromiumLaunchOptions } from './chromium';

/**
 * Where the page's main thread spends its time while the app trains with
 * live charts: a CPU profile (Chrome DevTools protocol) of the unminified
 * production build, summed by function (self time) and by source file.
 * `npm run profile:page -- [--seconds 60] [--backend webgl] [--out FILE]`.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string' },
      backend: { type: 'string' },
      out: { type: 'string' },
      tasks: { type: 'string' },
    },
  });
  const seconds = Number(values.seconds ?? 60);
  const server = await serveApp({ build: true, unminified: true });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(
      `http://localhost:${server.port}/?tasks=${values.tasks ?? 'sentiment,ner,pos'}&steps=20000&patience=0&backend=${values.backend ?? 'webgl'}&autorun=1`,
    );
    await page.locator('figure[aria-label^="Training loss"][data-points]').waitFor({ timeout: 120_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    await page.waitForTimeout(seconds * 1000);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const selfMs = new Map<number, number>();
    profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
    const byFunction = new Map<string, number>();
    const byFile = new Map<string, number>();
    for (const node of profile.nodes) {
      const ms = selfMs.get(node.id) ?? 0;
      const file = node.callFrame.url.replace(/^.*\//, '') || `(${node.callFrame.functionName || 'native'})`;
      const name = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
      byFile.set(file, (byFile.get(file) ?? 0) + ms);
    }
    const top = (m: Map<string, number>, n: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, v]) => [k, Math.round(v)] as const);
    const wallMs = (profile.endTime - profile.startTime) / 1000;
    const idle = Math.round(byFile.get('(idle)') ?? 0);
    const report = {
      seconds: Math.round(wallMs / 1000),
      backend: values.backend ?? 'webgl',
      idleMs: idle,
      busyMs: Math.round(wallMs - idle),
      byFile: top(byFile, 12),
      byFunction: top(byFunction, 40),
    };
    process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
    if (values.out) writeFileSync(values.out, JSON.stringify(report, null, 2));
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
