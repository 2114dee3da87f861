import { expectNoSeriousA11yIssues } from './a11y';
import { expect, test, type Page } from './fixtures';

/** Points drawn per series of the training-loss chart, e.g. { 'current:ner': 12 }. */
async function trainingPoints(page: Page): Promise<Record<string, number>> {
  const attr = (await page.getByRole('figure', { name: /Training loss/ }).getAttribute('data-points')) ?? '';
  return Object.fromEntries(
    attr
      .split(' ')
      .filter(Boolean)
      .map((kv) => {
        const [k, v] = kv.split('=');
        return [k as string, Number(v)];
      }),
  );
}

test('a user sets up an experiment, trains, pauses, resumes, stops and tries a sentence', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  // A small model: the page's default (sized to learn the real corpora) takes seconds a step on a software GPU.
  await page.goto('/?hidden=8&emb=8&batch=8&layers=1');
  await expect(page.getByRole('heading', { name: 'MTL Playground' })).toBeVisible();
  await expectNoSeriousA11yIssues(page, testInfo, 'idle');
  await testInfo.attach('idle.png', { body: await page.screenshot(), contentType: 'image/png' });

  // Turn a task off and on again.
  const ner = page.getByRole('checkbox', { name: 'NER', exact: true });
  await ner.uncheck();
  await expect(page.getByRole('img', { name: /2 task heads/ })).toBeVisible();
  await ner.check();
  // Soft sharing with a new λ; the diagram follows.
  await page.getByRole('radio', { name: /Soft/ }).check();
  await page.getByLabel('λ (soft sharing)').fill('0.05');
  await expect(
    page.getByRole('img', { name: 'Soft sharing: 3 encoders, one per task, pulled together with λ = 0.05.' }),
  ).toBeVisible();
  // Move a weight with its number field; the slider follows.
  await page.getByLabel('w (POS)').fill('0.5');
  await expect(page.getByLabel('POS weight slider')).toHaveValue('0.5');
  await page.getByLabel('Steps', { exact: true }).fill('1000');

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect
    .poll(async () => Object.values(await trainingPoints(page)).filter((n) => n > 0).length, { timeout: 90_000 })
    .toBe(4);
  const points = await trainingPoints(page);
  for (const task of ['sentiment', 'ner', 'pos']) expect(points[`current:${task}`], task).toBeGreaterThan(0);
  // "Best available" measured both GPU backends on this model (calibration.spec.ts checks its choice).
  await expect(page.locator('.badge')).toContainText(/faster than Web(GL|GPU) here/);
  await expectNoSeriousA11yIssues(page, testInfo, 'training');
  await testInfo.attach('training.png', { body: await page.screenshot(), contentType: 'image/png' });

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('status')).toContainText('paused');
  const paused = (await trainingPoints(page))['current:ner'];
  await page.waitForTimeout(2000);
  expect((await trainingPoints(page))['current:ner']).toBe(paused);

  // Space resumes (focus is not in a text field).
  await page.getByRole('heading', { name: 'MTL Playground' }).click();
  await page.keyboard.press('Space');
  await expect(page.getByRole('status')).toContainText('training');
  await expect
    .poll(async () => (await trainingPoints(page))['current:ner'], { timeout: 60_000 })
    .toBeGreaterThan(paused ?? 0);

  // Try it works while training.
  // (the worker answers between training steps; on a software GPU that can take a few seconds)
  await page.getByRole('button', { name: 'Predict' }).click();
  await expect(page.locator('.tokens .token')).toHaveCount(9, { timeout: 30_000 });

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status')).toContainText('Finished (stopped)', { timeout: 120_000 });
  await expect(page.getByRole('table')).toContainText('Sentiment');
  await expect(page.getByRole('table')).toContainText('NER');
  await expect(page.getByRole('textbox', { name: /Name of run #1 Sentiment\+NER\+POS · soft λ=0.05/ })).toBeVisible();
  await page.getByRole('button', { name: 'Predict' }).click();
  await expect(page.locator('.prediction')).toContainText(/Sentiment: (positive|negative)/);
  await expect(page.locator('.tokens .token').first().locator('.tag')).toHaveCount(2);
  await expect(page.locator('.error')).toHaveCount(0);
  await expectNoSeriousA11yIssues(page, testInfo, 'finished');
  await testInfo.attach('finished.png', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
});

test('between validations only the training-loss chart redraws', async ({ page }) => {
  test.setTimeout(120_000);
  const redraws = async (name: RegExp) => Number(await page.getByRole('figure', { name }).getAttribute('data-redraws'));
  // 20,000 steps: the first validation comes at step 1,333, long after this test.
  await page.goto('/?tasks=ner&steps=20000&emb=8&hidden=8&batch=8&patience=0&autorun=1');
  await expect
    .poll(async () => (await trainingPoints(page))['current:ner'] ?? 0, { timeout: 60_000 })
    .toBeGreaterThan(0);
  const validation = await redraws(/Validation loss/);
  const metric = await redraws(/Validation metric/);
  const training = await redraws(/Training loss/);
  await expect.poll(() => redraws(/Training loss/), { timeout: 60_000 }).toBeGreaterThan(training + 3);
  expect(await redraws(/Validation loss/)).toBe(validation);
  expect(await redraws(/Validation metric/)).toBe(metric);
  // The same on the examples axis: validation points carry their own examples count, so the training points do not reach those charts.
  await page.getByLabel('x axis').selectOption('examples');
  await expect.poll(() => redraws(/Validation loss/)).toBeGreaterThan(validation);
  // The switch itself redraws each chart, one chart per frame, behind the training chart's own redraws: wait until the validation
  // charts have not changed across two training redraws (with validation charts that follow every tick, this never happens).
  const validationCharts = async () => `${await redraws(/Validation loss/)} ${await redraws(/Validation metric/)}`;
  let settled: string | null = null;
  for (let tries = 0; tries < 10 && settled === null; tries++) {
    const before = await validationCharts();
    const trainingNow = await redraws(/Training loss/);
    await expect.poll(() => redraws(/Training loss/), { timeout: 60_000 }).toBeGreaterThan(trainingNow + 1);
    if ((await validationCharts()) === before) settled = before;
  }
  expect(settled, 'the validation charts kept redrawing on the examples axis').not.toBeNull();
  const trainingOnExamples = await redraws(/Training loss/);
  await expect.poll(() => redraws(/Training loss/), { timeout: 60_000 }).toBeGreaterThan(trainingOnExamples + 3);
  expect(await validationCharts()).toBe(settled);
});

test('impossible settings are refused at the control, not sent to the worker', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Batch size').fill('0');
  await expect(page.getByText('Between 1 and 1024.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await page.getByLabel('Batch size').fill('16');
  await page.getByLabel('Learning rate').fill('fast');
  await expect(page.getByText('Enter a number.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await page.getByLabel('Learning rate').fill('0.01');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
});

test('a refused entry in a field that is then switched off is dropped, so it cannot hold Train back', async ({
  page,
}) => {
  await page.goto('/');
  const train = page.getByRole('button', { name: 'Train', exact: true });
  const lambda = page.getByLabel('λ (soft sharing)');
  await page.getByRole('radio', { name: /Soft/ }).check();
  const inUse = await lambda.inputValue();
  await lambda.fill('lots');
  await expect(page.getByText('Enter a number.')).toBeVisible();
  await expect(train).toBeDisabled();
  // Hard sharing reads no λ: the box is switched off and can no longer be mended, so the entry goes.
  await page.getByRole('radio', { name: /Hard/ }).check();
  await expect(lambda).toBeDisabled();
  await expect(lambda).toHaveValue(inUse);
  await expect(page.getByText('Enter a number.')).toBeHidden();
  await expect(train).toBeEnabled();
  await page.getByRole('radio', { name: /Soft/ }).check();
  await expect(lambda).toBeEnabled();
  await expect(lambda).toHaveValue(inUse);
  await expect(train).toBeEnabled();
});

test('the last task cannot be switched off, and the page says why', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('checkbox', { name: 'Sentiment', exact: true }).uncheck();
  await page.getByRole('checkbox', { name: 'NER', exact: true }).uncheck();
  await expect(page.getByRole('checkbox', { name: 'POS', exact: true })).toBeDisabled();
  await expect(page.getByText('At least one task must stay on')).toBeVisible();
});

test('each panel and chart explains itself in one sentence, on demand', async ({ page }) => {
  await page.goto('/');
  const about = page.getByRole('button', { name: 'About “Training loss per task and weighted total”' });
  const sentence = page.locator('p.explanation', { hasText: 'Each task’s loss on its training batches' });
  await expect(sentence).toBeHidden();
  await about.click();
  await expect(about).toHaveAttribute('aria-expanded', 'true');
  await expect(sentence).toBeVisible();
  await about.click();
  await expect(sentence).toBeHidden();
  await page.getByRole('button', { name: 'About “Parameter sharing”' }).click();
  await expect(
    page.locator('p.explanation', { hasText: 'Hard sharing trains one encoder for all tasks' }),
  ).toBeVisible();
});
