import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { HarnessRun } from '../harness/harness';
import type { TaskFiles } from '../src/data/prepare';
import type { BackendInfo, TrainingEvent } from '../src/train/events';
import { chromiumLaunchOptions } from './chromium';
import { serveFolder } from './staticServer';

export interface HarnessOptions {
  /**
   * Serve a production build (`vite build` into a temporary folder, then
   * `vite preview`) instead of the dev server: what users run, with React's
   * production build. Timings of the page's main thread need it.
   */
  readonly build?: boolean;
  /** With `build`: leave the code unminified, so a CPU profile names functions (React stays in its production mode). */
  readonly unminified?: boolean;
  /** Serve this already built folder with plain Node instead (no Vite needed: see scripts/device/). */
  readonly prebuilt?: string;
}

export interface Served {
  readonly port: number;
  readonly close: () => Promise<void>;
}

function portOf(address: AddressInfo | string | null | undefined): number {
  if (!address || typeof address === 'string') throw new Error('the Vite server did not report its port');
  return address.port;
}

/** The app on a free localhost port: the production build, or the dev server. */
export function serveApp(options: HarnessOptions): Promise<Served> {
  if (options.prebuilt) return serveFolder(options.prebuilt);
  return options.build ? serveBuild(options.unminified === true) : serveDev();
}

// Vite is imported only when used, so the bench also runs from a bundle where it is absent.
async function serveDev(): Promise<Served> {
  const { createServer } = await import('vite');
  // No HMR and no file watching: an edit elsewhere must not reload a page mid-run.
  const server = await createServer({
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
    logLevel: 'error',
    clearScreen: false,
  });
  await server.listen();
  return { port: portOf(server.httpServer?.address()), close: () => server.close() };
}

async function serveBuild(unminified: boolean): Promise<Served> {
  // A private folder: dist/ belongs to the browser tests and may be in use.
  const outDir = mkdtempSync(join(tmpdir(), 'mtl-bench-build-'));
  const { build, preview } = await import('vite');
  await build({
    logLevel: 'error',
    clearScreen: false,
    build: { outDir, emptyOutDir: true, ...(unminified ? { minify: false } : {}) },
  });
  const server = await preview({
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    build: { outDir },
    logLevel: 'error',
    clearScreen: false,
  });
  return {
    port: portOf(server.httpServer.address()),
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/**
 * Serves the app with Vite on a free localhost port (WebGPU needs a secure
 * origin) and opens the harness page in headless Chromium, so scripts run the
 * very worker code the app uses.
 */
export class BrowserHarness {
  private constructor(
    private readonly served: Served,
    private readonly browser: Browser,
    readonly page: Page,
  ) {}

  static async open(options: HarnessOptions = {}): Promise<BrowserHarness> {
    const served = await serveApp(options);
    try {
      const browser = await chromium.launch(chromiumLaunchOptions());
      const page = await browser.newPage();
      page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`));
      await page.goto(`http://localhost:${served.port}/harness.html`);
      await page.waitForFunction(() => 'mtlHarness' in window, undefined, { timeout: 120_000 });
      return new BrowserHarness(served, browser, page);
    } catch (err) {
      await served.close();
      throw err;
    }
  }

  /** Where the app is served, e.g. http://localhost:41234 (no trailing slash). */
  get origin(): string {
    return `http://localhost:${this.served.port}`;
  }

  /** False once the browser has gone away (crashed or killed). */
  get connected(): boolean {
    return this.browser.isConnected();
  }

  async browserVersion(): Promise<string> {
    return this.browser.version();
  }

  /** A new page in the same browser (its own context, so no storage is shared with the harness page). */
  async newPage(viewport = { width: 1280, height: 720 }): Promise<Page> {
    const context = await this.browser.newContext({ viewport });
    const page = await context.newPage();
    page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`));
    return page;
  }

  /** Trains one experiment in the page's worker; `onEvent` sees events as they stream. */
  async run(
    config: unknown,
    files: Record<string, TaskFiles>,
    onEvent?: (event: TrainingEvent) => void,
    onBackend?: (info: BackendInfo) => void,
  ): Promise<HarnessRun> {
    const channel = `mtlEvent${Math.random().toString(36).slice(2)}`;
    const backendChannel = `${channel}Backend`;
    if (onEvent) await this.page.exposeFunction(channel, (event: TrainingEvent) => onEvent(event));
    if (onBackend) await this.page.exposeFunction(backendChannel, (info: BackendInfo) => onBackend(info));
    return this.page.evaluate(
      ({ config, files, channel, backendChannel, listen, listenBackend }) => {
        const w = window as unknown as Record<string, (e: unknown) => void>;
        return window.mtlHarness.run(
          config,
          files,
          listen ? (e) => w[channel]?.(e) : undefined,
          listenBackend ? (info) => w[backendChannel]?.(info) : undefined,
        );
      },
      { config, files, channel, backendChannel, listen: Boolean(onEvent), listenBackend: Boolean(onBackend) },
    );
  }

  async close(): Promise<void> {
    try {
      await this.browser.close();
    } finally {
      await this.served.close();
    }
  }
}
