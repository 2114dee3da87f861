import type { HarnessRun } from '../app/harness';
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
