import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CORPUS_ORIGINS } from '../src/data/corpora';
import { serveApp } from './browserHarness';
import { chromiumLaunchOptions } from './chromium';

/**
 * The classroom screenshots in docs/screenshots/, taken by a script so they
 * can be taken again after a change: Present mode while training and at the
 * end (1024×768), a lesson's comparison step, and the phone layout
 * (390×844). The page trains on its built-in samples (the corpus hosts are
 * cut, as in the browser tests), a few steps on the CPU backend.
 *
 *   npm run screenshots [-- --out docs/screenshots]
 */
const TINY = 'steps=30&batch=8&emb=16&hidden=16&layers=1&backend=cpu&offline=1';

async function offlinePage(browser: Browser, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  for (const origin of CORPUS_ORIGINS)
    await context.route(`${origin}/**`, (route) => route.abort('internetdisconnected'));
  return context.newPage();
}

/** Playwright scrolls a sticky button "into view" when it clicks it: the shots show the page from its top, as a class first sees it. */
async function shoot(page: Page, path: string, fullPage = false): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path, fullPage });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = values.out ?? 'docs/screenshots';
  mkdirSync(out, { recursive: true });
  const served = await serveApp({});
  const base = `http://127.0.0.1:${served.port}/`;
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    // Present mode, while training and once the run has ended.
    const present = await offlinePage(browser, 1024, 768);
    await present.goto(`${base}?present=1&${TINY}`);
    await present.getByRole('button', { name: 'Train', exact: true }).click();
    await present.locator('.objective [data-part="total"]').filter({ hasText: /\d/ }).waitFor({ timeout: 120_000 });
    await present.waitForTimeout(1500);
    await shoot(present, join(out, 'present-training.png'));
    await present.locator('.headline-results').waitFor({ timeout: 300_000 });
    await shoot(present, join(out, 'present-finished.png'));
    await present.context().close();

    // The phone layout: Train on the first screen, no sideways scroll.
    const phone = await offlinePage(browser, 390, 844);
    await phone.goto(`${base}?${TINY}`);
    await phone.getByRole('button', { name: 'Train', exact: true }).waitFor();
    await shoot(phone, join(out, 'phone.png'));
    await phone.context().close();

    // A lesson: its two runs (each stopped after a few steps: the samples learn quickly), then the comparison.
    const lesson = await offlinePage(browser, 1280, 800);
    await lesson.goto(`${base}?lesson=pos-helps-ner&step=1&offline=1&backend=cpu&present=1`);
    const trainAFewSteps = async () => {
      await lesson
        .locator('.objective')
        .getByText(/at step (1\d|[2-9]\d)/)
        .waitFor({ timeout: 300_000 });
      await lesson.getByRole('button', { name: 'Stop', exact: true }).click();
      await lesson.locator('.headline-results').waitFor({ timeout: 300_000 });
    };
    await lesson.getByRole('button', { name: 'Train', exact: true }).click();
    await trainAFewSteps();
    await lesson.getByRole('button', { name: /^Next: run 2/ }).click();
    await lesson.locator('.headline-results').waitFor({ state: 'detached' });
    await trainAFewSteps();
    await lesson.getByRole('button', { name: /^Next: compare/ }).click();
    await lesson.locator('.lesson-comparison').waitFor();
    await lesson.waitForTimeout(1500);
    await shoot(lesson, join(out, 'lesson-comparison.png'));
    await lesson.context().close();
  } finally {
    await browser.close();
    await served.close();
  }
  process.stdout.write(`screenshots written to ${out}/\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshots failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
