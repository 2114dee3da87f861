import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium';

const port = Number(process.env.E2E_PORT ?? 5199);
/** The production build, served by `vite preview`, for tests of what ships (its CSP). */
export const PREVIEW_PORT = Number(process.env.E2E_PREVIEW_PORT ?? 5198);

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
  webServer: [
    {
      command: `MTL_NO_WATCH=1 npx vite --host 127.0.0.1 --port ${port} --strictPort`,
      url: `http://localhost:${port}/harness.html`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
    {
      command: `npx vite build --logLevel warn && npx vite preview --host 127.0.0.1 --port ${PREVIEW_PORT} --strictPort`,
      url: `http://localhost:${PREVIEW_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
});
