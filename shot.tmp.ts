import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium';
const [w, h, out, action] = process.argv.slice(2);
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
await page.goto('http://localhost:5301/');
await page.waitForSelector('h1');
if (action === 'train') {
  await page.getByLabel('Steps').fill('20');
  await page.getByRole('button', { name: 'Train' }).click();
  await page.getByRole('status').filter({ hasText: 'Finished' }).waitFor({ timeout: 240000 });
  await page.getByRole('button', { name: 'Predict' }).click();
  await page.waitForSelector('.tokens');
}
await page.screenshot({ path: out, fullPage: action === 'train' });
await browser.close();
