import type * as FirstSteps from '../harness/firstSteps';
import { expect, test } from './fixtures';

/** The page's default model shrunk: the same kernels, a few seconds a step on SwiftShader. */
const SMALL = { embeddingDim: 16, hiddenSize: 16, batchSize: 8, maxLength: 16 };

test("a run's WebGPU kernels compiled ahead: their pipelines start before the first step, and no loss changes", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const gpuErrors: string[] = [];
  page.on('console', (message) => {
    if (/invalid|validation|binding|checkCompileCompletionAsync/i.test(message.text())) gpuErrors.push(message.text());
  });
  await page.goto('/harness.html');
  const runs = await page.evaluate(async (overrides) => {
    const url = '/harness/firstSteps.ts';
    const bench = (await import(/* @vite-ignore */ url)) as typeof FirstSteps;
    // Each call starts a new WebGPU backend, with no pipeline compiled in it yet.
    return {
      ahead: await bench.timeFirstSteps(true, 3, overrides),
      plain: await bench.timeFirstSteps(false, 3, overrides),
    };
  }, SMALL);
  expect(gpuErrors).toEqual([]);
  // Compiling ahead is not a no-op: the step's forward and backward kernels started compiling before it.
  expect(runs.ahead.pipelines).toBeGreaterThan(20);
  expect(runs.plain.pipelines).toBe(0);
  expect(runs.ahead.totals).toHaveLength(3);
  expect(runs.ahead.totals.every(Number.isFinite)).toBe(true);
  expect(runs.ahead.totals).toEqual(runs.plain.totals);
  expect(runs.ahead.tensorsLeft).toBe(0);
  expect(runs.plain.tensorsLeft).toBe(0);
});
