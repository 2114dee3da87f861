import type { HarnessRun } from '../harness/harness';
import { REPRESENTATIONS } from '../src/data/tokenFeatures';
import { expect, test } from './fixtures';

for (const representation of REPRESENTATIONS) {
  test(`the ${representation} representation trains a few steps on WebGPU with finite losses`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/harness.html');
    await page.waitForFunction(() => 'mtlHarness' in window);
    const run: HarnessRun = await page.evaluate(
      (rep) =>
        window.mtlHarness.run(
          {
            tasks: [
              { name: 'ner', kind: 'tagging', format: 'iob2' },
              { name: 'sentiment', kind: 'classification', format: 'tsv' },
            ],
            representation: rep,
            wordDropout: 0.5,
            backend: 'webgpu',
            embeddingDim: 8,
            hiddenSize: 8,
            encoderLayers: 2,
            batchSize: 4,
            maxLength: 16,
            steps: 4,
            emitEvery: 2,
            evalEvery: 4,
          },
          window.mtlHarness.sampleFiles(),
        ),
      representation,
    );
    expect(run.errors).toEqual([]);
    expect(run.backend?.name).toBe('webgpu');
    const points = run.events.flatMap((e) => (e.type === 'progress' ? e.points : []));
    expect(points.map((p) => p.step)).toEqual([1, 2, 3, 4]);
    for (const p of points)
      for (const t of ['ner', 'sentiment']) expect(Number.isFinite(p.losses[t]), `loss ${t} at ${p.step}`).toBe(true);
    expect(run.result?.test.ner?.confusion?.labels).toContain('O');
  });
}
