import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';

async function trainTinyRun(page: Page, representation = 'features') {
  await page.goto(`/?tasks=ner&steps=4&enc=cnn&hidden=8&emb=8&backend=cpu&rep=${representation}`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 90_000 });
}

const pointsOf = async (page: Page) => page.getByRole('figure', { name: /Training loss/ }).getAttribute('data-points');

test('a finished run survives a reload, exports to JSON, and imports back with the same curves', async ({
  page,
}, testInfo) => {
  await trainTinyRun(page);
  const name = page.getByRole('textbox', { name: /Name of run #1 NER/ });
  await expect(name).toBeVisible();
  await name.fill('NER alone, tiny');
  await name.press('Enter');

  await page.reload();
  const renamed = page.getByRole('textbox', { name: 'Name of run NER alone, tiny' });
  await expect(renamed).toBeVisible();
  await page.getByRole('checkbox', { name: 'Overlay' }).check();
  const overlaid = await pointsOf(page);
  expect(overlaid).toMatch(/:ner=4/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'JSON', exact: true }).click(),
  ]);
  const file = testInfo.outputPath('run.json');
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { run: { points: { losses: { ner: number } }[] } };
  expect(exported.run.points).toHaveLength(4);

  await page.getByRole('button', { name: 'Delete NER alone, tiny' }).click();
  await expect(renamed).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Name of run NER alone, tiny' })).toHaveCount(0);

  await page.getByLabel('Run file to import').setInputFiles(file);
  await expect(page.getByRole('textbox', { name: 'Name of run NER alone, tiny' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Overlay' }).check();
  expect((await pointsOf(page))?.replace(/run-[\w-]+:/g, 'run:')).toBe(overlaid?.replace(/run-[\w-]+:/g, 'run:'));
});

test('a run deleted right after it finished stays deleted, and Undo brings it back', async ({ page }) => {
  await trainTinyRun(page);
  const name = page.getByRole('textbox', { name: /Name of run #1 NER/ });
  await expect(name).toBeVisible();
  await page.getByRole('button', { name: /^Delete #1 NER/ }).click();
  await page.waitForTimeout(1000);
  await expect(name).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(name).toBeVisible();
  await page.getByRole('button', { name: /^Delete #1 NER/ }).click();
  await page.reload();
  await expect(page.getByRole('textbox', { name: /Name of run #1 NER/ })).toHaveCount(0);
});

test('a broken run file is refused with its reason', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Run file to import').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"something else"}'),
  });
  await expect(page.getByRole('alert')).toContainText('bad.json: the file is not a saved run');
});

test('when storage is refused, the run still finishes and the page says it could not be saved', async ({ page }) => {
  await page.addInitScript(() => {
    // A browser that refuses storage (private mode, quota): every open fails.
    Object.defineProperty(window, 'indexedDB', {
      value: {
        open: () => {
          throw new DOMException('refused', 'QuotaExceededError');
        },
      },
    });
  });
  await trainTinyRun(page);
  await expect(page.getByRole('alert').filter({ hasText: 'could not be saved' }).first()).toBeVisible();
  await expect(page.getByRole('table')).toContainText('NER');
});

test('when storage is full (a real quota, far too small), the run finishes, the page says so, and the curves stay', async ({
  page,
  baseURL,
}) => {
  // Chromium's own quota for this origin, through the DevTools protocol: IndexedDB writes fail as they would on a full disk.
  const cdp = await page.context().newCDPSession(page);
  await page.goto('/?tasks=ner&steps=4&enc=cnn&hidden=8&emb=8&backend=cpu');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL ?? '').origin, quotaSize: 1024 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 90_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'could not be saved' }).first()).toContainText(/quota/i);
  await expect(page.getByRole('table')).toContainText('NER');
  expect(await pointsOf(page)).toMatch(/ner=\d/);
});

for (const representation of ['features', 'chars'])
  test(`a trained model (${representation} representation) exports in the TF.js format and loads back into Try it`, async ({
    page,
  }, testInfo) => {
    await trainTinyRun(page, representation);
    await page.getByRole('button', { name: 'Predict' }).click();
    const before = (await page.locator('.tokens').textContent()) ?? '';
    const downloads: string[] = [];
    page.on('download', (d) => {
      const path = testInfo.outputPath(d.suggestedFilename());
      downloads.push(path);
      void d.saveAs(path);
    });
    await page.getByRole('button', { name: 'Export model (TF.js)' }).click();
    await expect.poll(() => downloads.length).toBe(2);
    await page.waitForTimeout(500);
    const modelJson = JSON.parse(readFileSync(downloads.find((d) => d.endsWith('model.json')) as string, 'utf8')) as {
      weightsManifest: { paths: string[] }[];
    };
    expect(modelJson.weightsManifest[0]?.paths).toEqual(['weights.bin']);

    await page.goto('/');
    await page.getByLabel('Model files to load').setInputFiles(downloads);
    // Loading starts a worker and its backend first: seconds on a busy software GPU.
    await expect(page.getByText(/Loaded a model for NER/)).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Predict' }).click();
    // The first prediction compiles the model's kernels on the new backend: seconds on a busy machine.
    await expect(page.locator('.tokens')).toHaveText(before, { timeout: 30_000 });
  });

test('a chart saves as a PNG image', async ({ page }) => {
  await trainTinyRun(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /Save “Training loss.*” as PNG/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(5000);
});
