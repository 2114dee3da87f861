import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';
import { serveFolder } from './staticServer';

/**
 * `tsx scripts/gpuProbe.ts DIST [FLAGS…]`: which adapter WebGPU and WebGL get
 * in headless Chromium under each candidate set of extra flags (one
 * argument per set, flags space-separated; '' is no extra flags). Prints
 * one JSON line per set tried and, last, `BEST: <flags>`: among the sets
 * whose WebGPU adapter is not a software one, the first that also puts WebGL
 * on the GPU (where it stops trying), else the first such set, so a shell
 * script can run the bench with it (scripts/device/bench-on-gpu.sh).
 */
const PROBE = `(async () => {
  const out = { webgpu: null, webgpuError: null, webgl: null };
  try {
    // As the app asks (src/worker/backend.ts): high-performance first, then no preference.
    const a = navigator.gpu ? (await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' })) ?? (await navigator.gpu.requestAdapter()) : null;
    if (a) out.webgpu = { vendor: a.info.vendor, architecture: a.info.architecture, device: a.info.device, description: a.info.description, isFallbackAdapter: a.info.isFallbackAdapter };
    else out.webgpuError = navigator.gpu ? 'no adapter' : 'no navigator.gpu';
  } catch (e) { out.webgpuError = String(e); }
  const gl = document.createElement('canvas').getContext('webgl2');
  if (gl) {
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    out.webgl = gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  }
  return out;
})()`;

async function main(): Promise<void> {
  const [dist, ...sets] = process.argv.slice(2);
  if (!dist) throw new Error('usage: gpuProbe DIST [FLAGS…]');
  const served = await serveFolder(dist);
  let best: { set: string; score: number } | null = null;
  try {
    for (const set of sets.length > 0 ? sets : ['']) {
      const options = chromiumLaunchOptions();
      const browser = await chromium.launch({
        ...options,
        args: [...(options.args ?? []), ...set.split(/\s+/).filter(Boolean)],
      });
      try {
        const page = await browser.newPage();
        await page.goto(`http://localhost:${served.port}/harness.html`);
        const found = (await page.evaluate(PROBE)) as {
          webgpu: { isFallbackAdapter?: boolean; description?: string; architecture?: string } | null;
          webgl: string | null;
        };
        process.stdout.write(`${JSON.stringify({ flags: set, browser: browser.version(), ...found })}\n`);
        const software = (text: string | null | undefined) => /swiftshader|llvmpipe|software/i.test(text ?? '');
        const gpuOnGpu =
          found.webgpu !== null &&
          found.webgpu.isFallbackAdapter !== true &&
          !software(`${found.webgpu.description} ${found.webgpu.architecture}`);
        const score = gpuOnGpu ? (found.webgl && !software(found.webgl) ? 2 : 1) : 0;
        if (score > 0 && (best === null || score > best.score)) best = { set, score };
        if (score === 2) break; // No later set can beat it, and each launch costs lent device time.
      } catch (err) {
        process.stdout.write(
          `${JSON.stringify({ flags: set, error: err instanceof Error ? err.message.split('\n')[0] : String(err) })}\n`,
        );
      } finally {
        await browser.close();
      }
    }
  } finally {
    await served.close();
  }
  process.stdout.write(`BEST: ${best === null ? 'none' : best.set}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`gpu probe failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
