import * as tf from '../src/tf';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { useCpuBackend } from '../src/testing/toy';
import { serveApp } from './browserHarness';
import { chromiumLaunchOptions } from './chromium';
import type * as KernelPage from './kernelCount.page';
import { countByName, presetStep } from './kernelStep';

/**
 * Kernels launched by one training step of the default three-task preset
 * (scripts/kernelStep.ts, on the built-in samples). On a GPU a small
 * model's step time follows the number of kernel launches, and unlike a
 * time this count is the same on every run: a before/after figure that no
 * other load on the machine can disturb.
 *
 * `npm run bench:kernels -- [--weighting manual] [--top 12] [--backend cpu|webgpu]`:
 * `cpu` (the default) counts tfjs kernels with tf.profile in Node; `webgpu`
 * runs the step in headless Chromium on the app's WebGPU backend and also
 * counts the compute dispatches it records (kernels that only reshape or
 * read data dispatch nothing).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { weighting: { type: 'string' }, top: { type: 'string' }, backend: { type: 'string' } },
  });
  const weighting = values.weighting ?? 'manual';
  const top = Number(values.top ?? 12);
  const backend = values.backend ?? 'cpu';
  if (backend === 'webgpu') {
    process.stdout.write(`${JSON.stringify(await countInChromium(weighting, top), null, 2)}\n`);
    return;
  }
  if (backend !== 'cpu') throw new Error(`--backend must be cpu or webgpu, got ${backend}`);
  await useCpuBackend();
  const { step, variables, dispose } = presetStep(weighting);
  for (let i = 0; i < 3; i++) step().dispose();
  const info = await tf.profile(() => step());
  if (process.env.KERNEL_DETAIL)
    for (const k of info.kernels.filter((k) => k.name === process.env.KERNEL_DETAIL))
      process.stderr.write(`${JSON.stringify(k.inputShapes)} -> ${JSON.stringify(k.outputShapes)}\n`);
  const names = info.kernels.map((k) => k.name);
  process.stdout.write(
    `${JSON.stringify({ weighting, kernelsPerStep: names.length, variables, top: countByName(names, top) }, null, 2)}\n`,
  );
  (info.result as tf.Tensor).dispose();
  dispose();
}

async function countInChromium(weighting: string, top: number) {
  const served = await serveApp({});
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${served.port}/harness.html`);
    return await page.evaluate(
      async ([w, n]) => {
        const url = '/scripts/kernelCount.page.ts';
        const counter = (await import(/* @vite-ignore */ url)) as typeof KernelPage;
        return counter.countWebGpuStep(w, n);
      },
      [weighting, top] as const,
    );
  } finally {
    await browser.close();
    await served.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`kernel count failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
