import type * as Parity from '../harness/fusedParity';
import { expect, test } from './fixtures';

/** |a − b| within 1e-4 of the reference's largest magnitude (elements near zero make a per-element ratio meaningless). */
function expectClose(actual: readonly number[], expected: readonly number[], what: string): void {
  expect(actual, what).toHaveLength(expected.length);
  const scale = expected.reduce((m, e) => Math.max(m, Math.abs(e)), 1e-6);
  const worst = actual.reduce((m, a, i) => Math.max(m, Math.abs(a - (expected[i] as number))), 0);
  expect(actual.every(Number.isFinite), `${what}: finite`).toBe(true);
  expect(worst / scale, `${what}: largest difference ${worst} against magnitude ${scale}`).toBeLessThan(1e-4);
}

const CASES: Parity.LossCase[] = [
  { name: 'a padded tagging batch', rows: 8 * 12, classes: 17, masked: [10, 11, 22, 23, 24, 90, 91, 95] },
  { name: 'a fully masked sentence', rows: 3 * 6, classes: 9, masked: [6, 7, 8, 9, 10, 11] },
  { name: 'a single token', rows: 1, classes: 5 },
  { name: 'sentiment rows, one empty', rows: 16, classes: 2, masked: [15] },
  { name: 'more rows than threads, wide logits', rows: 600, classes: 300, spread: 20 },
  { name: 'targets outside the classes', rows: 6, classes: 4, outside: [1, 4] },
];

const NORM_CASES: Parity.NormCase[] = [
  { name: 'a padded batch', shape: [4, 8, 32], masked: [6, 7, 15, 31] },
  { name: 'a fully masked sentence', shape: [2, 4, 16], masked: [4, 5, 6, 7] },
  { name: 'a single token', shape: [1, 1, 8] },
  { name: 'many rows, wide', shape: [16, 48, 96], masked: [700, 701, 767] },
];

const POOL_CASES: Parity.PoolCase[] = [
  { name: 'a padded batch', shape: [4, 8, 16], masked: [5, 6, 7, 15, 30, 31] },
  { name: 'a fully masked sentence', shape: [2, 4, 8], masked: [4, 5, 6, 7] },
  { name: 'a single token', shape: [1, 1, 4] },
];

const UNFOLD_CASES: Parity.UnfoldCase[] = [
  { name: 'width 3', shape: [3, 8, 5], width: 3, dilation: 1 },
  { name: 'width 3, dilation 2', shape: [2, 16, 4], width: 3, dilation: 2 },
  { name: 'width 4 (uneven padding)', shape: [2, 6, 3], width: 4, dilation: 1 },
  { name: 'a single token', shape: [1, 1, 4], width: 3, dilation: 1 },
];

const DENSE_CASES: Parity.DenseCase[] = [
  { name: 'ReLU with bias', rows: 40, inputs: 12, outputs: 7, relu: true, bias: true },
  { name: 'linear with bias', rows: 5, inputs: 3, outputs: 9, relu: false, bias: true },
  { name: 'linear without bias', rows: 1, inputs: 4, outputs: 2, relu: false, bias: false },
];

const LOOKUP_CASES: Parity.LookupCase[] = [
  { name: 'a small table', rows: 40, width: 6, tokens: 90 },
  { name: 'a table larger than the batch', rows: 3000, width: 8, tokens: 64 },
  { name: 'a single token', rows: 5, width: 3, tokens: 1 },
];

const MAXOUT_CASES: Parity.MaxoutCase[] = [
  { name: 'three pieces, with ties', shape: [4, 8, 3 * 16], pieces: 3 },
  { name: 'a single token', shape: [1, 1, 2 * 4], pieces: 2 },
];

test('the fused WebGPU kernels agree with the op-by-op path on the CPU backend', async ({ page }) => {
  test.setTimeout(180_000);
  // A WebGPU validation error voids a whole command buffer without throwing: the browser only logs it.
  const gpuErrors: string[] = [];
  page.on('console', (message) => {
    if (/invalid|validation|binding/i.test(message.text())) gpuErrors.push(message.text());
  });
  await page.goto('/harness.html');
  const cases: Parity.ParityCases = {
    loss: CASES,
    norm: NORM_CASES,
    pool: POOL_CASES,
    unfold: UNFOLD_CASES,
    dense: DENSE_CASES,
    lookup: LOOKUP_CASES,
    maxout: MAXOUT_CASES,
  };
  const runs = await page.evaluate(async (all) => {
    const url = '/harness/fusedParity.ts';
    const parity = (await import(/* @vite-ignore */ url)) as typeof Parity;
    return { webgpu: await parity.parityOn('webgpu', all, 11), cpu: await parity.parityOn('cpu', all, 11) };
  }, cases);
  expect(gpuErrors).toEqual([]);
  // The test means something only if WebGPU took the fused path and the CPU did not.
  expect(Object.keys(runs.webgpu.fused)).toHaveLength(9);
  expect(Object.values(runs.webgpu.fused).every((on) => on)).toBe(true);
  expect(Object.values(runs.cpu.fused).some((on) => on)).toBe(false);
  expect(runs.webgpu.lossKernels).toContain('MtlWeightedNll');
  expect(runs.webgpu.lossKernels).toContain('MtlWeightedNllGrad');
  expect(runs.cpu.lossKernels).not.toContain('MtlWeightedNll');
  runs.cpu.losses.forEach((reference, i) => {
    const fused = runs.webgpu.losses[i] as Parity.LossResult;
    expectClose([fused.value], [reference.value], `${reference.name}: loss`);
    expectClose(fused.grad, reference.grad, `${reference.name}: gradient`);
  });
  runs.cpu.norms.forEach((reference, i) => {
    const fused = runs.webgpu.norms[i] as Parity.NormResult;
    expectClose(fused.value, reference.value, `layer norm, ${reference.name}: values`);
    ['x', 'γ', 'β'].forEach((name, k) =>
      expectClose(
        fused.grads[k] as number[],
        reference.grads[k] as number[],
        `layer norm, ${reference.name}: d${name}`,
      ),
    );
  });
  runs.cpu.pools.forEach((reference, i) => {
    const fused = runs.webgpu.pools[i] as Parity.NormResult;
    expectClose(fused.value, reference.value, `pooling, ${reference.name}: values`);
    expectClose(fused.grads[0] as number[], reference.grads[0] as number[], `pooling, ${reference.name}: gradient`);
  });
  runs.cpu.unfolds.forEach((reference, i) => {
    const fused = runs.webgpu.unfolds[i] as Parity.NormResult;
    expectClose(fused.value, reference.value, `unfold, ${reference.name}: values`);
    expectClose(fused.grads[0] as number[], reference.grads[0] as number[], `unfold, ${reference.name}: gradient`);
  });
  runs.cpu.denses.forEach((reference, i) => {
    const fused = runs.webgpu.denses[i] as Parity.NormResult;
    expectClose(fused.value, reference.value, `dense, ${reference.name}: values`);
    reference.grads.forEach((g, k) =>
      expectClose(fused.grads[k] as number[], g, `dense, ${reference.name}: gradient ${k + 1}`),
    );
  });
  runs.cpu.lookups.forEach((reference, i) => {
    const fused = runs.webgpu.lookups[i] as Parity.NormResult;
    expectClose(fused.grads[0] as number[], reference.grads[0] as number[], `lookup, ${reference.name}: gradient`);
  });
  runs.cpu.maxouts.forEach((reference, i) => {
    const fused = runs.webgpu.maxouts[i] as Parity.NormResult;
    expectClose(fused.value, reference.value, `maxout, ${reference.name}: values`);
    expectClose(fused.grads[0] as number[], reference.grads[0] as number[], `maxout, ${reference.name}: gradient`);
  });
  // The fully masked sentence's rows get no gradient at all.
  const masked = runs.webgpu.losses[1] as Parity.LossResult;
  expect(masked.grad.slice(6 * 9, 12 * 9).every((g) => g === 0)).toBe(true);
  // The clip bit at odd steps and not at even ones, on both paths alike.
  expect(runs.webgpu.adam.scales.some((s) => s < 1)).toBe(true);
  expect(runs.webgpu.adam.scales.some((s) => s === 1)).toBe(true);
  expectClose(runs.webgpu.adam.scales, runs.cpu.adam.scales, 'clip scales');
  runs.cpu.adam.variables.forEach((reference, i) =>
    expectClose(runs.webgpu.adam.variables[i] as number[], reference, `Adam, variable ${i} after 25 steps`),
  );
});

test('fused training steps on WebGPU keep tensors and GPU buffers flat over 500 steps', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/harness.html');
  const counts = await page.evaluate(async () => {
    const url = '/harness/fusedParity.ts';
    const parity = (await import(/* @vite-ignore */ url)) as typeof Parity;
    return parity.soak(500);
  });
  expect(counts.tensors).toHaveLength(10);
  expect(new Set(counts.tensors).size, `tensors: ${counts.tensors}`).toBe(1);
  expect(counts.buffers.every((b) => b >= 0)).toBe(true);
  expect(new Set(counts.buffers.slice(1)).size, `buffers: ${counts.buffers}`).toBe(1);
});

// About 0.35 s a step on SwiftShader: 150 steps of the whole step here, 500 of the fused kernels above.
test("the app's own training step on WebGPU keeps tensors and GPU buffers flat over 150 steps", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/harness.html');
  const counts = await page.evaluate(async () => {
    const url = '/harness/fusedParity.ts';
    const parity = (await import(/* @vite-ignore */ url)) as typeof Parity;
    return parity.soakTrainer(150, 25);
  });
  expect(counts.fused).toBe(true);
  expect(counts.tensors).toHaveLength(6);
  expect(new Set(counts.tensors).size, `tensors: ${counts.tensors}`).toBe(1);
  expect(counts.buffers.every((b) => b >= 0)).toBe(true);
  expect(new Set(counts.buffers.slice(1)).size, `buffers: ${counts.buffers}`).toBe(1);
});
