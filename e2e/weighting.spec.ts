import type { HarnessRun } from '../harness/harness';
import { WEIGHTING_METHODS } from '../src/train/weighting/methods';
import { expect, test } from './fixtures';

for (const weighting of WEIGHTING_METHODS) {
  test(`${weighting} trains on WebGPU and streams finite weights and gradient cosines`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/harness.html');
    await page.waitForFunction(() => 'mtlHarness' in window);
    const run: HarnessRun = await page.evaluate(
      (method) =>
        window.mtlHarness.run(
          {
            tasks: [
              { name: 'ner', kind: 'tagging', format: 'iob2' },
              { name: 'pos', kind: 'tagging', format: 'conllu' },
            ],
            weighting: method,
            interactionEvery: 2,
            backend: 'webgpu',
            embeddingDim: 8,
            hiddenSize: 8,
            encoderLayers: 1,
            batchSize: 4,
            maxLength: 16,
            steps: 4,
            emitEvery: 2,
            evalEvery: 100,
          },
          window.mtlHarness.sampleFiles(),
        ),
      weighting,
    );
    expect(run.errors).toEqual([]);
    expect(run.backend?.name).toBe('webgpu');
    const points = run.events.flatMap((e) => (e.type === 'progress' ? e.points : []));
    expect(points.map((p) => p.step)).toEqual([1, 2, 3, 4]);
    for (const p of points) {
      for (const t of ['ner', 'pos']) {
        expect(Number.isFinite(p.losses[t]), `loss ${t} at ${p.step}`).toBe(true);
        expect(Number.isFinite(p.weights?.[t]), `weight ${t} at ${p.step}`).toBe(true);
      }
    }
    const cosines = points.flatMap((p) => (p.cosines ? [p.cosines['ner·pos']] : []));
    expect(cosines.length).toBeGreaterThanOrEqual(2);
    for (const c of cosines) expect(c !== undefined && Number.isFinite(c) && Math.abs(c) <= 1.0001).toBe(true);
  });
}

test('the page trains with a method, plots its weights and cosines, and compares with single-task baselines over seeds', async ({
  page,
}) => {
  test.setTimeout(480_000);
  await page.goto('/?tasks=ner,pos&steps=8&hidden=8&emb=8&batch=8&weighting=uncertainty&measure=2&offline=1');
  await expect(page.getByLabel('Weighting')).toHaveValue('uncertainty');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 120_000 });
  const interaction = page.getByRole('region', { name: 'Task interaction' });
  await expect(interaction.getByRole('figure', { name: 'Effective task weights' })).toHaveAttribute('data-points', '8');
  await expect(interaction.getByRole('figure', { name: /Gradient cosine/ })).toHaveAttribute('data-points', '4');
  await expect(interaction).toContainText(/Steps where the gradients conflict \(cosine < 0\): NER–POS \d+ % of 4/);

  const baselines = page.getByRole('region', { name: 'Single-task baselines' });
  await baselines.getByRole('combobox').selectOption('3');
  await baselines.getByRole('button', { name: 'Train each task alone' }).click();
  const table = baselines.getByRole('table');
  // 3 seeds: each task alone three times, and the multi-task model again for seeds 2 and 3; the table fills in seed by seed.
  await expect(table).toContainText('mean ± sd over 3 seeds', { timeout: 300_000 });
  await expect(table).toContainText(/Δm = [+-]\d+\.\d\d %/);
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('cell').filter({ hasText: '±' })).toHaveCount(4);
  await expect(table).toContainText(/within seed noise|negative transfer|\+\d/);
  await expect(table).toContainText('NER');
  await expect(table).toContainText('POS');
});
