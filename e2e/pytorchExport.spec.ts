import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';

test('Export as PyTorch on a finished run downloads a zip with the project and the experiment', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/?steps=10&batch=8&emb=8&hidden=8&layers=1&backend=cpu&tasks=ner,pos&w=1,0.5');
  const exportButton = page.getByRole('button', { name: 'Export as PyTorch' });
  await expect(exportButton).toBeDisabled();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Finished', { timeout: 150_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
  expect(download.suggestedFilename()).toBe('mtl-pytorch.zip');
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(files).sort()).toEqual(
    [
      'README.md',
      'browser_random.py',
      'config.json',
      'data.json',
      'data.py',
      // The tests' page cannot reach the corpora, so the run trained on the built-in samples: the project holds them.
      'data/ner-dev.iob2',
      'data/ner-test.iob2',
      'data/ner-train.iob2',
      'data/pos-dev.conllu',
      'data/pos-test.conllu',
      'data/pos-train.conllu',
      'decoding.json',
      'initial.safetensors',
      'labels.json',
      'model.py',
      'predict.py',
      'spec.json',
      'train.py',
      'vocab.json',
      'weights.safetensors',
    ].map((f) => `mtl-pytorch/${f}`),
  );
  const config = JSON.parse(strFromU8(files['mtl-pytorch/config.json'] as Uint8Array)) as {
    link: string;
    experiment: { tasks: { name: string }[]; weights: Record<string, number>; steps: number };
  };
  expect(config.experiment.tasks.map((t) => t.name)).toEqual(['ner', 'pos']);
  expect(config.experiment.weights).toEqual({ ner: 1, pos: 0.5 });
  expect(config.experiment.steps).toBe(10);
  expect(config.link).toContain('tasks=ner,pos&w=1,0.5');
  const labels = JSON.parse(strFromU8(files['mtl-pytorch/labels.json'] as Uint8Array)) as Record<string, string[]>;
  expect(Object.keys(labels)).toEqual(['ner', 'pos']);
  // NER's IOB2 tags are decoded as well-formed sequences, in PyTorch as in the browser; POS tag by tag.
  expect(JSON.parse(strFromU8(files['mtl-pytorch/decoding.json'] as Uint8Array))).toEqual({ ner: 'iob2' });
  // train.py reads what the run trained on: here the samples, written into the project (the real corpora would be their pinned URLs).
  const data = JSON.parse(strFromU8(files['mtl-pytorch/data.json'] as Uint8Array)) as Record<string, { train: string }>;
  expect(data.ner?.train).toBe('data/ner-train.iob2');
  expect(strFromU8(files['mtl-pytorch/data/ner-train.iob2'] as Uint8Array)).toMatch(/\tB-[A-Z]+/);
  await expect(page.getByText('Saved mtl-pytorch.zip')).toBeVisible();
  await expect(page.getByText(/inside it \(6 files under data\/\)/)).toBeVisible();
});
