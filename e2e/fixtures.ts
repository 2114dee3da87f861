import { test as base, expect, type BrowserContext } from '@playwright/test';
import { CORPUS_ORIGINS } from '../src/data/corpora';

/**
 * Every browser test runs without the internet: requests to the corpus hosts
 * fail at once (as offline), so the app trains on its samples, unless a test
 * answers them itself (see datasets.spec.ts).
 */
export async function cutCorpusHosts(context: BrowserContext): Promise<void> {
  for (const origin of CORPUS_ORIGINS)
    await context.route(`${origin}/**`, (route) => route.abort('internetdisconnected'));
}

/**
 * Console errors and uncaught page errors seen in a test's browser context.
 * Every test fails on one it did not allow: React reports invalid markup
 * only there. A test that provokes an error on purpose allows its text.
 */
export class ConsoleErrors {
  private readonly seen: string[] = [];
  private readonly allowed: RegExp[] = [
    // The corpus hosts are cut (above) or answered with faults: the browser reports each failed download itself.
    /^Failed to load resource/,
  ];

  constructor(context: BrowserContext) {
    context.on('console', (message) => {
      if (message.type() === 'error') this.seen.push(message.text());
    });
    context.on('weberror', (error) => this.seen.push(`page error: ${error.error().message}`));
  }

  /** Lets errors matching `pattern` through, for a test that provokes them. */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  unexpected(): string[] {
    return this.seen.filter((text) => !this.allowed.some((pattern) => pattern.test(text)));
  }
}

export const test = base.extend<{ corpusHosts: 'offline' | 'test-answers'; consoleErrors: ConsoleErrors }>({
  corpusHosts: ['offline', { option: true }],
  context: async ({ context, corpusHosts }, use) => {
    if (corpusHosts === 'offline') await cutCorpusHosts(context);
    await use(context);
  },
  consoleErrors: [
    async ({ context }, use) => {
      const errors = new ConsoleErrors(context);
      await use(errors);
      expect(errors.unexpected(), 'console errors or uncaught page errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Page, BrowserContext, Route, TestInfo } from '@playwright/test';
