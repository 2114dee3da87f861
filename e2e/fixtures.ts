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

export const test = base.extend<{ corpusHosts: 'offline' | 'test-answers' }>({
  corpusHosts: ['offline', { option: true }],
  context: async ({ context, corpusHosts }, use) => {
    if (corpusHosts === 'offline') await cutCorpusHosts(context);
    await use(context);
  },
});

export { expect };
export type { Page, BrowserContext, Route, TestInfo } from '@playwright/test';
