import { CORPORA } from '../src/data/corpora';
import { sharedFileFor } from '../src/testing/corpusFixtures';
import { expect, test, type BrowserContext, type Page } from './fixtures';

test.use({ corpusHosts: 'test-answers' });

type Answer = 'file' | '404' | 'truncated' | 'html';

/** Answers every pinned corpus URL with its copy in ../shared/data (or with the failure asked for); counts the requests. */
async function serveCorpora(
  context: BrowserContext,
  answer: (task: string) => Answer = () => 'file',
): Promise<string[]> {
  const requested: string[] = [];
  for (const corpus of CORPORA) {
    for (const file of corpus.files) {
      await context.route(file.url, async (route) => {
        requested.push(file.url);
        const shared = sharedFileFor(file.url);
        const how = answer(corpus.task);
        if (!shared || how === '404') return route.fulfill({ status: 404, body: '404: Not Found' });
        if (how === 'html')
          return route.fulfill({
            status: 200,
            contentType: 'text/html',
            body: '<!DOCTYPE html><html><body>Sign in</body></html>\n',
          });
        const body = how === 'truncated' ? shared.text.slice(0, Math.floor(shared.text.length / 2)) : shared.text;
        return route.fulfill({
          status: 200,
          contentType: 'text/plain; charset=utf-8',
          body,
          headers: { 'access-control-allow-origin': '*' },
        });
      });
    }
  }
  return requested;
}

const taskRow = (page: Page, title: string) =>
  page.locator('.task-row').filter({ has: page.locator('.task-title').getByText(title, { exact: true }) });

test('the real corpora download with progress, show their sizes and source, and come from the cache on the next visit', async ({
  page,
  context,
}) => {
  test.setTimeout(300_000);
  const requested = await serveCorpora(context);
  // All three corpora load; two of them train (SST-2's 67k phrases would only slow the test). The smallest model:
  // the run ends by scoring about 8,000 real sentences on a software GPU, which this test is not about.
  await page.goto('/?tasks=ner,pos&steps=6&hidden=8&emb=8&batch=8&layers=1&rep=word');
  // Progress first (a bar per corpus), then the loaded sizes.
  await expect(page.getByRole('progressbar', { name: /Download of/ }).first()).toBeAttached();
  const pos = taskRow(page, 'POS');
  await expect(pos).toContainText('UD English-EWT: 2,001 train / 2,001 dev / 2,077 test sentences', {
    timeout: 120_000,
  });
  await expect(pos).toContainText(/downloaded \d+\.\d MB/);
  const ner = taskRow(page, 'NER');
  await expect(ner).toContainText('Universal NER English-EWT: 2,001 train / 2,001 dev / 2,077 test', {
    timeout: 60_000,
  });
  const sentiment = taskRow(page, 'Sentiment');
  await expect(sentiment).toContainText('SST-2 (GLUE): 67,349 train / 0 dev / 872 test', { timeout: 120_000 });
  await expect(page.getByText(/NER and POS share 1,998 training sentences/)).toBeVisible();
  expect(requested).toHaveLength(8);

  // Source, licence and citation are one click away; so is the inspector.
  await pos.getByText('Inspect the data, source and licence').click();
  await expect(pos).toContainText('CC BY-SA 4.0');
  await expect(pos).toContainText('de Marneffe et al. 2021');
  await expect(pos.getByRole('list', { name: 'Label distribution' })).toContainText('NOUN');
  await expect(pos).toContainText(/of dev tokens/);

  // It trains on them: NER and POS on exactly the sentences they share (the shared copies' train files are EWT dev).
  await page.getByLabel('Train NER and POS on these shared sentences only').check();
  await expect(page).toHaveURL(/joint=1/);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 180_000 });
  const trainedOn = page.locator('.trained-on');
  await expect(trainedOn).toContainText('ner 1,998 train / 1,998 validation / 2,074 test');
  await expect(trainedOn).toContainText('pos 1,998 train / 1,998 validation / 2,074 test');

  // Second visit: nothing is downloaded.
  await page.reload();
  await expect(pos).toContainText('from this browser’s cache', { timeout: 60_000 });
  await expect(sentiment).toContainText('from this browser’s cache', { timeout: 60_000 });
  expect(requested).toHaveLength(8);
});

for (const failure of ['404', 'truncated', 'html'] as const) {
  test(`a ${failure} answer falls back to the samples and says why`, async ({ page, context }) => {
    test.setTimeout(120_000);
    await serveCorpora(context, (task) => (task === 'ner' ? failure : 'file'));
    await page.goto('/?tasks=ner,pos&steps=6&hidden=8&emb=8&batch=8');
    const ner = taskRow(page, 'NER');
    const reason = {
      '404': 'the server answered 404',
      truncated: 'the file ends in the middle of a line: the download was cut short',
      html: 'the server sent a web page (text/html)',
    }[failure];
    await expect(ner.getByRole('note')).toContainText(
      `On the built-in sample, not the real corpus: could not load Universal NER English-EWT: ${reason}`,
      { timeout: 60_000 },
    );
    await expect(ner).toContainText('400 train / 100 dev / 100 test');
    await expect(taskRow(page, 'POS')).toContainText('UD English-EWT: 2,001 train', { timeout: 60_000 });
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  });
}

test('offline=1 uses the samples without a single request and says so', async ({ page, context }) => {
  const requested = await serveCorpora(context);
  await page.goto('/?tasks=ner&offline=1');
  await expect(taskRow(page, 'NER').getByRole('note')).toContainText('offline mode (offline=1)');
  await expect(taskRow(page, 'Sentiment').getByRole('note')).toContainText('offline mode');
  expect(requested).toEqual([]);
  await expect(page).toHaveURL(/offline=1/);
});
