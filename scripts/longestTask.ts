import type { Page } from '@playwright/test';

interface Probe {
  mtlLongestTask: number;
}

/**
 * Keeps the page's longest main-thread task ('longtask' entries, so only tasks
 * over 50 ms) in `window.mtlLongestTask`. Registered before the page's own
 * scripts so it sees their start-up too.
 */
export async function watchLongestTask(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as Probe;
    w.mtlLongestTask = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.mtlLongestTask = Math.max(w.mtlLongestTask, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The longest task (ms) since the page loaded or since the last call with `reset`; 0 when none went over 50 ms. */
export function longestTask(page: Page, reset = false): Promise<number> {
  return page.evaluate((clear) => {
    const w = window as unknown as Probe;
    const longest = w.mtlLongestTask;
    if (clear) w.mtlLongestTask = 0;
    return longest;
  }, reset);
}
