import { expect, test } from '@playwright/test';

test('the page trains the sample tasks in the worker and shows a curve per task', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'MTL Playground' })).toBeVisible();
  await testInfo.attach('idle', { body: await page.screenshot(), contentType: 'image/png' });
  await page.getByLabel('Steps').fill('6');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('status')).toContainText('finished', { timeout: 90_000 });
  await expect(page.locator('.badge')).toContainText('WEBGPU');
  // One line per task plus the weighted total.
  await expect(page.locator('.recharts-line')).toHaveCount(4);
  await expect(page.getByRole('table')).toContainText('Sentiment');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await testInfo.attach('finished', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
});

test('the last task cannot be switched off, and the page says why', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('checkbox', { name: /Sentiment/ }).uncheck();
  await page.getByRole('checkbox', { name: /NER/ }).uncheck();
  await expect(page.getByRole('checkbox', { name: /POS/ })).toBeDisabled();
  await expect(page.getByText('At least one task must stay on.')).toBeVisible();
});
