import * as tf from '../src/tf';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { useCpuBackend } from '../src/testing/toy';
import { serveApp } from './browserHarness';
import { chromiumLaunchOptions } from './chromium';
import type * as KernelPage from './kernelCount.page';
import { countByName, presetStep } from './kernelStep';
import { WEIGHTING_METHODS } from '../src/train/weighting/methods';

/**
 * Kernels launched by one training step of the default three-task preset
 * (scripts/kernelStep.ts, on the built-in samples). On a GPU a small
 * model's step time follows the number of kernel launches, and unlike a
 * time this count is the same on every run: a before/after figure that no
 * other load on the machine can disturb.
 *
 * `npm run bench:kernels -- [--weighting manual|all] [--top 12] [--backend cpu|webgpu] [--fused on|off|both]`:
 * `cpu` (the default) counts tfjs kernels with tf.profile in Node; `webgpu`
 * runs the step in headless Chromium on the app's WebGPU backend and also
 * counts the compute dispatches it records (kernels that only reshape or
 * read data dispatch nothing). `--fused` (webgpu only) counts with the
 * fused WGSL kernels (on, the default), with the op-by-op path they
 * replace (off), or both side by side; `--weighting all` counts every
 * weighting method.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      weighting: { type: 'string' },
      top: { type: 'string' },
      backend: { type: 'string' },
      fused: { type: 'string' },
    },
  });
  const weighting = values.weighting ?? 'manual';
  const top = Number(values.top ?? 12);
  const backend = values.backend ?? 'cpu';
  if (backend === 'webgpu') {
    const fused = values.fused ?? 'on';
    if (!['on', 'off', 'both'].includes(fused)) throw new Error(`--fused must be on, off or both, got ${fused}`);
    const modes = fused === 'both' ? [false, true] : [fused === 'on'];
    const methods = weighting === 'all' ? [...WEIGHTING_METHODS] : [weighting];
    process.stdout.write(`${JSON.stringify(await countInChromium(methods, modes, top), null, 2)}\n`);
    return;
  }
  if (values.fused !== undefined) throw new Error('--fused applies to --backend webgpu only');
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

async function countInChromium(methods: readonly string[], modes: readonly boolean[], top: number) {
  const served = await serveApp({});
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const counts = [];
    for (const weighting of methods) {
      for (const fused of modes) {
        // A fresh page per count: no compiled pipelines or pooled buffers carried from the last.
        const page = await browser.newPage();
        await page.goto(`http://localhost:${served.port}/harness.html`);
        counts.push(
          await page.evaluate(
            async ([w, f, n]) => {
              const url = '/scripts/kernelCount.page.ts';
              const counter = (await import(/* @vite-ignore */ url)) as typeof KernelPage;
              return counter.countWebGpuStep(w, f, n);
            },
            [weighting, fused, top] as const,
          ),
        );
        await page.close();
      }
    }
    return counts.length === 1 ? counts[0] : counts;
  } finally {
    await browser.close();
    await served.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`kernel count failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
