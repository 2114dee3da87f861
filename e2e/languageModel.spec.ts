import { expect, test } from './fixtures';

test('a task adds its language-model helper from the task panel: the page asks for the BiGRU, trains it, and shows its result row', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Offline samples, a tiny model, a few steps: this test is about the task panel and the run, not quality.
  await page.goto('/?offline=1&tasks=ner&steps=6&emb=8&hidden=8&layers=1&batch=4&backend=webgl&measure=0');
  const helper = page.getByRole('checkbox', { name: 'NER LM' });
  await expect(helper).not.toBeChecked();
  await helper.check();
  // On the default CNN it says why it cannot run, and offers the fix.
  await expect(page.getByText(/It needs the BiGRU encoder/)).toBeVisible();
  await page.getByRole('button', { name: 'Use the BiGRU encoder' }).click();
  await expect(page.getByText(/It needs the BiGRU encoder/)).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'w (NER LM)' })).toHaveValue('0.1');
  // The link carries it.
  await expect.poll(() => new URL(page.url()).searchParams.get('tasks')).toBe('ner,ner-lm');

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText(/Finished/, { timeout: 150_000 });
  const results = page.getByRole('table').filter({ hasText: 'Test metrics' });
  await expect(results.getByRole('row', { name: /NER LM/ })).toBeVisible();
  await expect(results.getByRole('row', { name: /NER LM/ })).toContainText('%');
  await expect(page.locator('.error')).toHaveCount(0);
});
