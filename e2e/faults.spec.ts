import { expect, test, type Page } from './fixtures';

const lastStep = async (page: Page) => {
  const attr = (await page.getByRole('figure', { name: /Training loss/ }).getAttribute('data-points')) ?? '';
  return Number(/current:ner=(\d+)/.exec(attr)?.[1] ?? 0);
};

test('a crashed worker is noticed at once; the curves stay and a new worker continues from the last checkpoint', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/?tasks=ner&steps=5000&hidden=8&emb=8&batch=8&debug=1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // emitEvery 5: a point per step; checkpoints every 50 steps.
  await expect.poll(() => lastStep(page), { timeout: 120_000 }).toBeGreaterThan(55);
  const before = await lastStep(page);
  const crashedAt = Date.now();
  await page.evaluate(() => (window as unknown as { mtlDebug: { crashWorker: () => void } }).mtlDebug.crashWorker());
  await expect(page.getByRole('alert').filter({ hasText: 'the training worker crashed' })).toBeVisible();
  expect(Date.now() - crashedAt).toBeLessThan(2000);
  const resume = page.getByRole('button', { name: /Continue from step (50|100)/ });
  await expect(resume).toBeVisible();
  expect(await lastStep(page)).toBeGreaterThanOrEqual(before);

  await resume.click();
  await expect(page.getByRole('status').first()).toContainText('training', { timeout: 60_000 });
  await expect.poll(() => lastStep(page), { timeout: 60_000 }).toBeGreaterThan(before + 5);
  await expect(page.getByRole('alert').filter({ hasText: 'crashed' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 60_000 });
});

type Debug = { mtlDebug: { explodeLearningRate: () => void; loseDevice: () => void } };

test('a learning rate that makes the loss NaN pauses training, names the task, keeps the curves and the checkpoint, and Resume goes on with a smaller rate', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/?tasks=ner,pos&steps=5000&hidden=8&emb=8&batch=8&debug=1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => lastStep(page), { timeout: 120_000 }).toBeGreaterThan(10);
  await page.evaluate(() => (window as unknown as Debug).mtlDebug.explodeLearningRate());
  const warning = page.getByRole('alert').filter({ hasText: /the loss of task "(ner|pos)" is not a finite number/ });
  await expect(warning).toBeVisible({ timeout: 30_000 });
  await expect(warning).toContainText('lower the learning rate');
  await expect(page.getByRole('status').first()).toContainText('paused');
  const kept = await lastStep(page);
  expect(kept).toBeGreaterThan(10);
  await page.getByLabel('Learning rate').fill('0.001');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => lastStep(page), { timeout: 60_000 }).toBeGreaterThan(kept + 5);
  await expect(page.getByRole('status').first()).toContainText('training');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 60_000 });
});

test('a lost WebGPU device is reported within 2 s and the run continues from its checkpoint on another backend', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/?tasks=ner&steps=5000&hidden=8&emb=8&batch=8&backend=webgpu&debug=1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => lastStep(page), { timeout: 120_000 }).toBeGreaterThan(55);
  const lostAt = Date.now();
  await page.evaluate(() => (window as unknown as Debug).mtlDebug.loseDevice());
  await expect(page.getByRole('alert').filter({ hasText: 'the GPU device was lost' })).toBeVisible();
  expect(Date.now() - lostAt).toBeLessThan(2000);
  const before = await lastStep(page);
  await page.getByLabel('Backend').selectOption('cpu');
  await page.getByRole('button', { name: /Continue from step \d+/ }).click();
  await expect(page.locator('.badge')).toContainText('CPU', { timeout: 60_000 });
  await expect.poll(() => lastStep(page), { timeout: 60_000 }).toBeGreaterThan(Math.min(before, 50) + 5);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 60_000 });
});
