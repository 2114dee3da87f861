import { chromium, type Browser, type Page } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';
import type { HarnessRun } from '../app/harness';
import type { TaskFiles } from '../src/data/prepare';
import type { TrainingEvent } from '../src/train/events';
import { chromiumLaunchOptions } from './chromium';

/**
 * Serves the app with Vite on a free localhost port (WebGPU needs a secure
 * origin) and opens the harness page in headless Chromium, so scripts run the
 * very worker code the app uses.
 */
export class BrowserHarness {
  private constructor(
    private readonly server: ViteDevServer,
    private readonly browser: Browser,
    readonly page: Page,
  ) {}

  static async open(): Promise<BrowserHarness> {
    // No HMR and no file watching: an edit elsewhere must not reload a page mid-run.
    const server = await createServer({ server: { host: '127.0.0.1', port: 0, hmr: false, watch: null }, logLevel: 'error', clearScreen: false });
    await server.listen();
    const address = server.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('the Vite server did not report its port');
    const browser = await chromium.launch(chromiumLaunchOptions());
    const page = await browser.newPage();
    page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`));
    await page.goto(`http://localhost:${address.port}/harness.html`);
    await page.waitForFunction(() => 'mtlHarness' in window, undefined, { timeout: 120_000 });
    return new BrowserHarness(server, browser, page);
  }

  async browserVersion(): Promise<string> {
    return this.browser.version();
  }

  /** Trains one experiment in the page's worker; `onEvent` sees events as they stream. */
  async run(config: unknown, files: Record<string, TaskFiles>, onEvent?: (event: TrainingEvent) => void): Promise<HarnessRun> {
    const channel = `mtlEvent${Math.random().toString(36).slice(2)}`;
    if (onEvent) await this.page.exposeFunction(channel, (event: TrainingEvent) => onEvent(event));
    return this.page.evaluate(
      ({ config, files, channel, listen }) => {
        const w = window as unknown as Record<string, (e: unknown) => void>;
        return window.mtlHarness.run(config, files, listen ? (e) => w[channel]?.(e) : undefined);
      },
      { config, files, channel, listen: Boolean(onEvent) },
    );
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.close();
  }
}
