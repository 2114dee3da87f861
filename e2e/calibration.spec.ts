import { expect, test, type Page } from './fixtures';

/** The badge's backend and what the calibration said: kept, ratio, both timings, when. */
async function badge(page: Page) {
  const text = (await page.locator('.badge').textContent()) ?? '';
  const m =
    /^(WEBGL|WEBGPU)\b.* · (WebGL|WebGPU): ([\d.]+)× faster than (WebGL|WebGPU) here \((\d+) vs (\d+) ms a step, (measured now|measured earlier on this device)\)/.exec(
      text,
    );
  if (!m) throw new Error(`the badge does not say what was measured: "${text}"`);
  return {
    backend: m[1] as string,
    kept: m[2] as string,
    other: m[4] as string,
    keptMs: Number(m[5]),
    otherMs: Number(m[6]),
    when: m[7] as string,
  };
}

test('"Best available" times both GPU backends, trains on the faster, says why, and reuses the measurement', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/?tasks=ner,pos&steps=6&hidden=8&emb=8&batch=8&layers=1');
  await expect(page.getByLabel('Backend')).toHaveValue('auto');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 180_000 });
  const first = await badge(page);
  // The run trains on the backend the calibration kept, and that one was the faster.
  expect(first.backend).toBe(first.kept.toUpperCase());
  expect(first.other).not.toBe(first.kept);
  expect(first.keptMs).toBeLessThanOrEqual(first.otherMs);
  expect(first.when).toBe('measured now');

  // Same device, same model size: the next run starts on the kept backend without timing again.
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // The first run's "Finished" and badge stay until the new run's worker reports: wait for the new badge.
  await expect(page.locator('.badge')).toContainText('measured earlier on this device', { timeout: 180_000 });
  await expect(page.getByRole('status').first()).toContainText('Finished', { timeout: 180_000 });
  const second = await badge(page);
  expect(second.when).toBe('measured earlier on this device');
  expect(second.backend).toBe(first.backend);
});
