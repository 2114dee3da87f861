import { expect, test } from './fixtures';

test('cross-stitch sharing is chosen on the page, shown in the diagram and the link, and trains on WebGPU', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/?tasks=ner,pos&steps=6&hidden=8&emb=8&batch=4&layers=2&backend=webgpu&offline=1');
  await page.getByRole('radio', { name: /Cross-stitch/ }).check();
  await expect(page.getByRole('img', { name: /Cross-stitch: 2 encoders/ })).toBeVisible();
  await expect(page).toHaveURL(/share=crossstitch/);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 90_000 });
  await expect(page.getByRole('table').first()).toContainText('NER');
  // Token- and sentence-level losses on one scale: each divided by its first loss.
  await page.getByRole('combobox', { name: 'Loss', exact: true }).selectOption('relative');
  await expect(page.getByRole('region', { name: 'Charts' })).toContainText('loss ÷ first loss by step');
});

test('hard sharing layer by layer: a link sets shared layers and the layer each head reads, and the run trains', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/?tasks=ner,pos&steps=6&hidden=8&emb=8&batch=4&layers=2&shared=1&read=-,1&backend=webgpu&offline=1');
  await expect(page.getByLabel('Shared encoder layers')).toHaveValue('1');
  await expect(page.getByLabel('POS head reads layer')).toHaveValue('1');
  await expect(page.getByLabel('NER head reads layer')).toHaveValue('0');
  // Changing a choice is kept in the link.
  await page.getByLabel('NER head reads layer').selectOption('1');
  await expect(page).toHaveURL(/read=1,1/);
  await page.getByLabel('NER head reads layer').selectOption('0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 90_000 });
  await expect(page.locator('.trained-on')).toContainText('ner');
});

test('fine-tune from a saved run: a new task starts from its encoder (frozen) and trains a fresh head', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/?tasks=ner,pos&steps=6&hidden=8&emb=8&batch=4&offline=1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 90_000 });
  const runs = page.getByRole('region', { name: 'Runs so far' });
  await runs.getByRole('button', { name: 'Fine-tune from this run…' }).first().click();
  const form = runs.getByRole('group', { name: /Fine-tune from/ });
  await form.getByLabel('Task to fine-tune').selectOption('sentiment');
  await expect(form.getByLabel(/Keep the encoder frozen/)).toBeChecked();
  await form.getByRole('button', { name: 'Start fine-tuning' }).click();
  await expect(page.locator('.trained-on')).toContainText('sentiment', { timeout: 60_000 });
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 90_000 });
  await expect(page.getByRole('table').first()).toContainText('Sentiment');
  await expect(runs.getByRole('textbox', { name: /fine-tuned from/ })).toHaveValue(
    /^#2 Sentiment fine-tuned from “#1 NER\+POS .*” \(encoder frozen\)$/,
  );
  // The page now shows the fine-tuned run's settings: one task on.
  await expect(page).toHaveURL(/tasks=sentiment(&|$)/);
});
