import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium';

const port = Number(process.env.E2E_PORT ?? 5199);

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  workers: 1,
  // The HTML report keeps the screenshots the tests attach (playwright-report/).
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 720 },
  },
  webServer: {
    command: `npx vite --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://localhost:${port}/harness.html`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
