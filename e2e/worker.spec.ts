import { expect, test } from './fixtures';
import type { HarnessRun } from '../harness/harness';

test('the worker trains a tiny 3-task model on WebGPU and streams finite losses for every task', async ({ page }) => {
  await page.goto('/harness.html');
  await page.waitForFunction(() => 'mtlHarness' in window);
  const run: HarnessRun = await page.evaluate(() =>
    window.mtlHarness.run(
      {
        tasks: [
          { name: 'sentiment', kind: 'classification', format: 'tsv' },
          { name: 'ner', kind: 'tagging', format: 'iob2' },
          { name: 'pos', kind: 'tagging', format: 'conllu' },
        ],
        backend: 'webgpu',
        embeddingDim: 16,
        hiddenSize: 16,
        encoderLayers: 1,
        batchSize: 8,
        maxLength: 16,
        steps: 8,
        emitEvery: 2,
        evalEvery: 8,
      },
      window.mtlHarness.sampleFiles(),
    ),
  );
  expect(run.errors).toEqual([]);
  expect(run.backend?.name).toBe('webgpu');
  expect(run.backend?.adapter).toBeDefined();
  const points = run.events.flatMap((e) => (e.type === 'progress' ? e.points : []));
  expect(points.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  for (const p of points) {
    for (const task of ['sentiment', 'ner', 'pos'])
      expect(Number.isFinite(p.losses[task]), `${task} at step ${p.step}`).toBe(true);
    expect(Number.isFinite(p.total)).toBe(true);
  }
  expect(run.result?.reason).toBe('completed');
  expect(Object.keys(run.result?.test ?? {}).sort()).toEqual(['ner', 'pos', 'sentiment']);
  test.info().annotations.push({ type: 'adapter', description: JSON.stringify(run.backend?.adapter) });
});

test('a bad experiment comes back as a clear error, not silence', async ({ page }) => {
  await page.goto('/harness.html');
  await page.waitForFunction(() => 'mtlHarness' in window);
  const run: HarnessRun = await page.evaluate(() =>
    window.mtlHarness.run(
      { tasks: [{ name: 'pos', kind: 'tagging', format: 'conllu' }], learningRate: 'fast' },
      window.mtlHarness.sampleFiles(),
    ),
  );
  expect(run.errors).toEqual([{ name: 'ConfigError', message: '"learningRate" must be a number, got "fast"' }]);
});

test('WebGPU and the CPU backend compute the same losses for the same seed', async ({ page }) => {
  await page.goto('/harness.html');
  await page.waitForFunction(() => 'mtlHarness' in window);
  const losses = await page.evaluate(async () => {
    const config = {
      tasks: [
        { name: 'sentiment', kind: 'classification', format: 'tsv' },
        { name: 'ner', kind: 'tagging', format: 'iob2' },
        { name: 'pos', kind: 'tagging', format: 'conllu' },
      ],
      // Three heads + a two-layer trunk: more than 7 gradients, which once broke tf.addN on WebGPU.
      encoderLayers: 2,
      embeddingDim: 16,
      hiddenSize: 16,
      batchSize: 8,
      maxLength: 16,
      steps: 12,
      emitEvery: 4,
      evalEvery: 100,
      learningRate: 0.01,
    };
    const out: Record<string, number[]> = {};
    for (const backend of ['webgpu', 'cpu']) {
      const run = await window.mtlHarness.run({ ...config, backend }, window.mtlHarness.sampleFiles());
      out[backend] = run.events.flatMap((e) => (e.type === 'progress' ? e.points.map((p) => p.total) : []));
    }
    return out;
  });
  expect(losses.webgpu).toHaveLength(12);
  losses.webgpu!.forEach((v, i) =>
    expect(Math.abs(v - losses.cpu![i]!), `step ${i + 1}: ${v} vs ${losses.cpu![i]}`).toBeLessThan(
      1e-3 * Math.max(1, Math.abs(v)),
    ),
  );
});

test('WebGPU and the CPU backend agree through the balanced step, with unequal weights folded into the fused losses', async ({
  page,
}) => {
  await page.goto('/harness.html');
  await page.waitForFunction(() => 'mtlHarness' in window);
  const runs = await page.evaluate(async () => {
    const config = {
      tasks: [
        { name: 'sentiment', kind: 'classification', format: 'tsv' },
        { name: 'ner', kind: 'tagging', format: 'iob2' },
        { name: 'pos', kind: 'tagging', format: 'conllu' },
      ],
      weights: { sentiment: 0.5, ner: 2, pos: 1 },
      // Steps 3 and 6 measure the gradient interaction, which sends them through the balanced step.
      interactionEvery: 3,
      embeddingDim: 16,
      hiddenSize: 16,
      batchSize: 8,
      maxLength: 16,
      steps: 6,
      emitEvery: 3,
      evalEvery: 100,
      learningRate: 0.01,
    };
    const out: Record<string, { totals: number[]; weights: number[] }> = {};
    for (const backend of ['webgpu', 'cpu']) {
      const run = await window.mtlHarness.run({ ...config, backend }, window.mtlHarness.sampleFiles());
      const points = run.events.flatMap((e) => (e.type === 'progress' ? e.points : []));
      out[backend] = { totals: points.map((p) => p.total), weights: points.map((p) => p.weights?.ner ?? NaN) };
    }
    return out;
  });
  expect(runs.webgpu!.totals).toHaveLength(6);
  expect(runs.webgpu!.weights).toEqual([2, 2, 2, 2, 2, 2]);
  runs.webgpu!.totals.forEach((v, i) =>
    expect(Math.abs(v - runs.cpu!.totals[i]!), `step ${i + 1}: ${v} vs ${runs.cpu!.totals[i]}`).toBeLessThan(
      1e-3 * Math.max(1, Math.abs(v)),
    ),
  );
});

test('the same experiment trained twice on the CPU backend gives identical loss series', async ({ page }) => {
  await page.goto('/harness.html');
  await page.waitForFunction(() => 'mtlHarness' in window);
  const [a, b] = await page.evaluate(async () => {
    const config = {
      tasks: [
        { name: 'ner', kind: 'tagging', format: 'iob2' },
        { name: 'pos', kind: 'tagging', format: 'conllu' },
      ],
      sharing: 'soft',
      lambda: 0.1,
      backend: 'cpu',
      embeddingDim: 8,
      hiddenSize: 8,
      batchSize: 8,
      maxLength: 16,
      steps: 10,
      emitEvery: 5,
      evalEvery: 100,
      seed: 7,
    };
    const series = async () => {
      const run = await window.mtlHarness.run(config, window.mtlHarness.sampleFiles());
      return run.events.flatMap((e) =>
        e.type === 'progress' ? e.points.map((p) => [p.losses.ner, p.losses.pos, p.total]) : [],
      );
    };
    return [await series(), await series()];
  });
  expect(a).toHaveLength(10);
  expect(b).toEqual(a);
});
