import { expect, test } from './fixtures';
import { PREVIEW_PORT } from '../playwright.config';

test('the built app ships a Content-Security-Policy and trains under it without violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(`http://localhost:${PREVIEW_PORT}/?tasks=ner,pos&steps=4&hidden=8&emb=8`);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 120_000 });
  // The production worker measured the GPU backends under the CSP too.
  await expect(page.locator('.badge')).toContainText(/faster than Web(GL|GPU) here/);
  await page.getByRole('button', { name: 'Predict' }).click();
  await expect(page.locator('.tokens .token').first()).toBeVisible();
  expect(violations).toEqual([]);
});
