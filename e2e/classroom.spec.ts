import { expectNoSeriousA11yIssues } from './a11y';
import { expect, test, type Page } from './fixtures';
import { readFileSync } from 'node:fs';

/** What `npm run eval:presets` measured, as the page shows it. */
const measured = JSON.parse(readFileSync(new URL('../app/link/presetResults.json', import.meta.url), 'utf8')) as Record<
  string,
  { presetMean: number; baselineMean: number }
>;

/** A small model on the CPU backend: these tests are about the layout and the controls, not the backend. */
const TINY = 'steps=400&batch=8&emb=8&hidden=8&layers=1&backend=cpu';

/** Playwright scrolls a sticky button into view when it clicks it; the first viewport is the page's top. */
async function toTop(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function insideViewport(page: Page, what: ReturnType<Page['getByRole']>, name: string): Promise<void> {
  const box = await what.boundingBox();
  const viewport = page.viewportSize();
  expect(box, `${name} is drawn`).not.toBeNull();
  if (!box || !viewport) return;
  expect(box.y, `${name} top`).toBeGreaterThanOrEqual(0);
  expect(box.x, `${name} left`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${name} bottom`).toBeLessThanOrEqual(viewport.height);
  expect(box.x + box.width, `${name} right`).toBeLessThanOrEqual(viewport.width);
}

const number = (text: string | null) => Number((text ?? '').trim());
const shown = (v: number) => Number(v.toPrecision(3));

test.describe('Present mode at 1024×768', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('the controls and the three training charts fill one screen while training; the test scores show large at the end', async ({
    page,
  }, testInfo) => {
    test.setTimeout(180_000);
    await page.goto(`/?present=1&${TINY.replace('steps=400', 'steps=40')}`);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('training', { timeout: 60_000 });
    await expect(page.locator('.objective [data-part="total"]')).toHaveText(/\d/, { timeout: 60_000 });
    await toTop(page);
    await insideViewport(page, page.getByRole('button', { name: 'Train', exact: true }), 'Train');
    await insideViewport(page, page.getByRole('button', { name: 'Pause' }), 'Pause');
    for (const chart of [
      'Training loss per task and weighted total',
      'Validation loss per task',
      'Validation metric per task',
    ])
      await insideViewport(page, page.getByRole('figure', { name: chart }), chart);
    // The settings are folded: the tasks, weights and sharing show at a glance; the panels open in a drawer.
    await expect(page.getByRole('group', { name: 'Experiment at a glance' })).toContainText('hard sharing');
    await expect(page.getByRole('complementary', { name: 'Settings' })).toBeHidden();
    await expectNoSeriousA11yIssues(page, testInfo, 'present-training');

    await expect(page.locator('.headline-results')).toBeVisible({ timeout: 150_000 });
    const figures = page.locator('.headline .big');
    await expect(figures).toHaveCount(3);
    for (const figure of await figures.all()) {
      expect(Number.isFinite(number(await figure.textContent()))).toBe(true);
      const size = await figure.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size, 'test figures in large type').toBeGreaterThanOrEqual(40);
    }
    await expectNoSeriousA11yIssues(page, testInfo, 'present-finished');
    // The drawer opens the full settings and closes again; the link keeps present=1.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(page.getByRole('complementary', { name: 'Settings' })).toBeVisible();
    await page.getByRole('button', { name: 'Close settings' }).first().click();
    await expect(page.getByRole('complementary', { name: 'Settings' })).toBeHidden();
    await expect.poll(() => page.url()).toContain('present=1');
  });
});

test.describe('a phone, 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('no sideways scroll, and Train is on the first screen', async ({ page }) => {
    await page.goto('/');
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await expect(train).toBeVisible();
    await insideViewport(page, train, 'Train');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

test('the run controls stay in reach at the bottom of the page (sticky)', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  await insideViewport(page, page.getByRole('button', { name: 'Train', exact: true }), 'Train after scrolling down');
});

test('Step trains exactly one step at a time from a pause; the objective shows the latest step’s numbers', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto(`/?debug=1&${TINY}`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('training', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused', { timeout: 60_000 });
  const lastStep = () =>
    page.evaluate(
      () => (window as unknown as { mtlDebug: { state: () => { lastStep: number } } }).mtlDebug.state().lastStep,
    );
  const before = await lastStep();
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 1; i <= 3; i++) {
    await expect(step).toBeEnabled();
    await step.click();
    await expect(page.getByRole('status')).toContainText(`step ${before + i} of`, { timeout: 30_000 });
    await expect(page.getByRole('status')).toContainText('paused');
  }
  await page.waitForTimeout(1000);
  expect(await lastStep()).toBe(before + 3);
  const rows = page.getByRole('region', { name: 'Step by step' }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    await expect(rows.nth(i).locator('th')).toHaveText(String(before + i + 1));
    for (const cell of (await rows.nth(i).locator('td').allTextContents()).slice(0, 3))
      expect(Number.isFinite(Number(cell)), `loss ${cell}`).toBe(true);
  }

  // The formula holds the latest point's numbers.
  const point = await page.evaluate(() =>
    (
      window as unknown as {
        mtlDebug: {
          lastPoint: () => {
            step: number;
            total: number;
            losses: Record<string, number>;
            weights: Record<string, number>;
          };
        };
      }
    ).mtlDebug.lastPoint(),
  );
  const formula = page.getByRole('region', { name: 'The objective' });
  await expect(formula).toContainText(`at step ${point.step}`);
  expect(number(await formula.locator('[data-part="total"]').textContent())).toBe(shown(point.total));
  for (const task of ['sentiment', 'ner', 'pos']) {
    const term = formula.locator(`[data-task="${task}"]`);
    expect(number(await term.locator('[data-part="loss"]').textContent()), task).toBe(shown(point.losses[task] ?? NaN));
    expect(number(await term.locator('[data-part="weight"]').textContent()), task).toBe(
      shown(point.weights[task] ?? NaN),
    );
  }
  // Hovering a term picks out that task's curves.
  await formula.locator('[data-task="ner"]').hover();
  await expect(page.getByRole('figure', { name: /Training loss/ })).toHaveAttribute('data-highlight', 'ner');

  // Step before the first step: a new run, paused after step 1.
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status')).toContainText('Finished', { timeout: 60_000 });
  await step.click();
  await expect(page.getByRole('status')).toContainText('paused', { timeout: 60_000 });
  await expect(page.getByRole('status')).toContainText('step 1 of');
  await expect(rows).toHaveCount(1);
});

test('a lesson link opens at its step; Next starts the next run; the last step compares, with the measured answer', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await page.goto('/?lesson=pos-helps-ner&step=1&backend=cpu&present=1');
  const lesson = page.getByRole('region', { name: 'Lesson' });
  await expect(lesson).toContainText('Does POS help NER when NER has little data?');
  await expect(lesson).toContainText('step 1 of 3: NER with 200 sentences, alone');
  // The step's settings: NER alone.
  await expect(page.getByRole('group', { name: 'Experiment at a glance' })).toContainText('NER');
  await expect(page.getByRole('group', { name: 'Experiment at a glance' })).not.toContainText('POS');
  await expectNoSeriousA11yIssues(page, testInfo, 'lesson');

  await lesson.getByRole('button', { name: 'Next: run 2 of 2' }).click();
  await expect(lesson).toContainText('step 2 of 3: NER with 200 sentences, beside POS');
  await expect(page.getByRole('status')).toContainText(/training|Preparing/, { timeout: 60_000 });
  await expect(page.getByRole('group', { name: 'Experiment at a glance' })).toContainText('POS');
  await expect.poll(() => page.url()).toContain('step=2');
  // Next waits for the run: stop it, and the comparison opens.
  await expect(lesson.getByRole('button', { name: 'Next: compare the runs' })).toBeDisabled();
  await expect(page.locator('.objective [data-part="total"]')).toHaveText(/\d/, { timeout: 90_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status')).toContainText('Finished', { timeout: 120_000 });
  await lesson.getByRole('button', { name: 'Next: compare the runs' }).click();
  const comparison = page.getByRole('region', { name: 'Comparison' });
  await expect(comparison).toBeVisible();
  await expect(comparison.getByRole('row', { name: /NER with 200 sentences, beside POS/ })).toBeVisible();
  const answer = measured['ner-with-pos-200'];
  if (!answer) throw new Error('no measured answer for ner-with-pos-200 in app/link/presetResults.json');
  await expect(comparison).toContainText(
    `NER ${(answer.presetMean * 100).toFixed(1)} here vs ${(answer.baselineMean * 100).toFixed(1)}`,
  );
  await expect(comparison).toContainText('a difference within seed noise');
  await expectNoSeriousA11yIssues(page, testInfo, 'lesson-comparison');

  // The link opens the same place.
  await page.goto('/?lesson=pos-helps-ner&step=3&backend=cpu');
  await expect(page.getByRole('region', { name: 'Comparison' })).toContainText('Measured answer');
  // A lesson that does not exist is refused with a notice.
  await page.goto('/?lesson=no-such-lesson&step=2');
  await expect(page.getByText('lesson="no-such-lesson" is not a lesson')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lesson' })).toHaveCount(0);
});
