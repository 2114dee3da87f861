import { ARCHIVE_DB, UNFINISHED_STORE } from '../app/savedRuns/runArchive';
import { expect, test, type Page } from './fixtures';

/** Points drawn in the training-loss chart for the current run's NER series. */
const drawnPoints = async (page: Page) => {
  const attr = (await page.getByRole('figure', { name: /Training loss/ }).getAttribute('data-points')) ?? '';
  return Number(/current:ner=(\d+)/.exec(attr)?.[1] ?? 0);
};

type Debug = { mtlDebug: { state: () => { points: number; lastStep: number } } };
const storedPoints = (page: Page) => page.evaluate(() => (window as unknown as Debug).mtlDebug.state().points);

/** Runs the browser keeps as interrupted (0 or 1), read from IndexedDB as the next visit reads them. */
const interruptedRecords = (page: Page) =>
  page.evaluate(
    ({ database, store }) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(database);
        // No database yet: say so at once (aborting, so none is created), rather than time out on a missing store.
        open.onupgradeneeded = () => {
          open.transaction?.abort();
          reject(new Error(`the page made no ${database} database`));
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          try {
            const count = open.result.transaction(store).objectStore(store).count();
            count.onerror = () => reject(count.error);
            count.onsuccess = () => resolve(count.result);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          } finally {
            // close() waits for the count's transaction to finish.
            open.result.close();
          }
        };
      }),
    { database: ARCHIVE_DB, store: UNFINISHED_STORE },
  );

/** Chromium headless never hides a page, so the Page Visibility API is emulated: what the app reads and the event it gets. */
const setVisibility = (page: Page, state: 'hidden' | 'visible') =>
  page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);

test('in a hidden tab the worker keeps training; the charts catch up when the tab is visible again', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/?tasks=ner&steps=5000&hidden=8&emb=8&batch=8&debug=1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => drawnPoints(page), { timeout: 120_000 }).toBeGreaterThan(5);

  await setVisibility(page, 'hidden');
  await page.waitForTimeout(500); // a redraw already scheduled may still land
  const drawnWhenHidden = await drawnPoints(page);
  await expect.poll(() => storedPoints(page), { timeout: 60_000 }).toBeGreaterThan(drawnWhenHidden + 10);
  expect(await drawnPoints(page)).toBe(drawnWhenHidden);

  await setVisibility(page, 'visible');
  const stored = await storedPoints(page);
  await expect.poll(() => drawnPoints(page), { timeout: 5_000 }).toBeGreaterThanOrEqual(stored);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 60_000 });
});

test('a frozen page (laptop lid, background freezing) loses no steps: the curves are whole after it wakes', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/?tasks=ner&steps=5000&hidden=8&emb=8&batch=8&debug=1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => storedPoints(page), { timeout: 120_000 }).toBeGreaterThan(5);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await new Promise((r) => setTimeout(r, 3_000));
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  const woke = await storedPoints(page);
  await expect.poll(() => storedPoints(page), { timeout: 60_000 }).toBeGreaterThan(woke + 5);
  // Every step's point is there, in order, with no gap: nothing was dropped while frozen.
  const steps = await page.evaluate(() =>
    (window as unknown as { mtlDebug: { steps: () => number[] } }).mtlDebug.steps(),
  );
  expect(steps.length).toBeGreaterThan(woke);
  for (let i = 1; i < steps.length; i++) expect(steps[i]).toBe((steps[i - 1] ?? 0) + 1);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 60_000 });
});

test('a run interrupted by closing the page is offered on the next visit and continues from its checkpoint', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/?tasks=ner&steps=5000&hidden=8&emb=8&batch=8&seed=11&debug=1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // Checkpoints come every 50 steps; wait for the first to be written.
  await expect.poll(() => storedPoints(page), { timeout: 150_000 }).toBeGreaterThan(60);
  await page.waitForTimeout(500);
  await page.reload();

  const offer = page.getByRole('button', { name: /Continue the interrupted run from step (50|100)/ });
  await expect(offer).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'was interrupted at step' })).toContainText('seed 11');
  await offer.click();
  // The curves up to the checkpoint are back at once, and training goes on after it.
  await expect.poll(() => drawnPoints(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(50);
  await expect.poll(() => drawnPoints(page), { timeout: 90_000 }).toBeGreaterThan(110);
  await expect(page.getByLabel('Seed')).toHaveValue('11');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 60_000 });

  // Finished: nothing is offered any more, and the saved run keeps its final weights.
  // The page keeps the run in the browser just after it says "Finished": the reload waits for that write.
  await expect.poll(() => interruptedRecords(page), { timeout: 10_000 }).toBe(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Runs so far' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Continue the interrupted run/ })).toHaveCount(0);
});

test('no request leaves the page origin while using the app on its built-in samples', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL ?? 'http://localhost').origin;
  const elsewhere: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) elsewhere.push(url);
  });
  await page.goto('/?tasks=ner,sentiment&steps=12&hidden=8&emb=8&batch=8&offline=1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 120_000 });
  await page.getByLabel('Sentence', { exact: true }).fill('Alice flew to Paris .');
  await page.getByRole('button', { name: 'Predict' }).click();
  await expect(page.getByRole('region', { name: 'Try it' })).toContainText('Sentiment:', { timeout: 30_000 });
  expect(elsewhere).toEqual([]);
});
