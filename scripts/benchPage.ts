import type { Page } from '@playwright/test';
import type { BrowserHarness } from './browserHarness';

/** What the page's main thread did while the app trained with its charts live. */
export interface MainThreadReport {
  readonly backend: string;
  readonly query: string;
  /** Seconds from pressing Train to the end of the measurement. */
  readonly seconds: number;
  readonly firstPointSeconds: number | null;
  readonly steps: number;
  /** Longest 'longtask' entry after Train was pressed; 0 when no task went over 50 ms (the API reports only those). */
  readonly longestMainThreadTaskMs: number;
  /** The same, counting only tasks after the first loss point (the steady training phase). */
  readonly longestTaskWhileTrainingMs: number;
  readonly longTasks: number;
  /** Σ (duration − 50 ms) over long tasks: the Total Blocking Time of the whole measurement. */
  readonly totalBlockingMs: number;
  /** Long tasks by the step at which they happened: [step, ms]. */
  readonly longTasksByStep: readonly (readonly [number, number])[];
  /** Commits of the training-loss chart (its `data-redraws`), and per second of training. */
  readonly chartRedraws: number;
  readonly redrawsPerSecond: number;
  /** The longest animation frames (Long Animation Frames API) and the scripts that filled them, for finding causes. */
  readonly longestFrames: readonly { readonly ms: number; readonly scripts: readonly string[] }[];
}

interface Probe {
  longTasks: { start: number; duration: number }[];
  frames: { start: number; duration: number; scripts: string[] }[];
  /** [time, step] each time the training chart's point count changed. */
  progress: [number, number][];
  redraws: number;
}

/**
 * Runs in the page before any of its scripts: observers must exist before the
 * work they watch. Plain JavaScript in a string, because tsx's transform adds
 * helpers (`__name`) to compiled functions that the page does not have.
 */
const PROBE_SCRIPT = `(() => {
  const probe = { longTasks: [], frames: [], progress: [], redraws: 0 };
  window.mtlBenchProbe = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const scripts = (e.scripts || []).filter((s) => s.duration >= 5)
          .map((s) => (Math.round(s.duration) + ' ms ' + s.invoker + ' ' + (s.sourceFunctionName || '') + ' ' + s.sourceURL.replace(/^.*\\//, '')).trim());
        probe.frames.push({ start: e.startTime, duration: e.duration, scripts });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  }
  // The training chart's data-points / data-redraws attributes say when points arrive and when it redraws.
  function onMutation(records) {
    for (const r of records) {
      const el = r.target;
      if (!(el.getAttribute('aria-label') || '').startsWith('Training loss')) continue;
      if (r.attributeName === 'data-redraws') probe.redraws = Number(el.getAttribute('data-redraws') || 0);
      if (r.attributeName === 'data-points') {
        const counts = (el.getAttribute('data-points') || '').split(' ').map((kv) => Number(kv.split('=')[1] || 0));
        probe.progress.push([performance.now(), Math.max(0, ...counts)]);
      }
    }
  }
  function start() {
    new MutationObserver(onMutation).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-points', 'data-redraws'] });
  }
  start();
})();`;

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Opens the app at `/` with the default three-task preset, presses Train, lets
 * it train for `seconds` with the charts live, and reads what the main thread
 * did. The app's own form sets the model (DEFAULT_FORM); the query only picks
 * tasks, steps, the backend and no early stopping.
 */
export async function measureMainThread(
  harness: BrowserHarness,
  options: { backend: string; seconds: number; steps: number; log?: (s: string) => void },
): Promise<MainThreadReport> {
  const query = `v=1&tasks=sentiment,ner,pos&steps=${options.steps}&patience=0&backend=${options.backend}`;
  const page: Page = await harness.newPage();
  try {
    await page.addInitScript({ content: PROBE_SCRIPT });
    await page.goto(`${harness.origin}/?${query}`);
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await train.waitFor({ timeout: 60_000 });
    // Page load and first render are not training: only what follows the click counts.
    const t0 = await page.evaluate(() => performance.now());
    await train.click();
    const until = Date.now() + options.seconds * 1000;
    let lastLog = 0;
    while (Date.now() < until) {
      await page.waitForTimeout(1000);
      const status =
        (await page
          .getByRole('status')
          .first()
          .textContent()
          .catch(() => '')) ?? '';
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        options.log?.(`  page: ${status.replace(/\s+/g, ' ').slice(0, 100)}`);
      }
      if (/Finished|failed/i.test(status)) break;
    }
    const probe = await page.evaluate(() => {
      const p = (window as unknown as { mtlBenchProbe: Probe }).mtlBenchProbe;
      return { ...p, now: performance.now() };
    });
    const firstPoint = probe.progress.find(([, step]) => step > 0)?.[0] ?? null;
    const afterClick = probe.longTasks.filter((t) => t.start >= t0);
    const whileTraining = firstPoint === null ? [] : afterClick.filter((t) => t.start >= firstPoint);
    const stepAt = (time: number) => probe.progress.filter(([t]) => t <= time).at(-1)?.[1] ?? 0;
    const steps = probe.progress.at(-1)?.[1] ?? 0;
    const trainingSeconds = firstPoint === null ? 0 : (probe.now - firstPoint) / 1000;
    return {
      backend: options.backend,
      query,
      seconds: round((probe.now - t0) / 1000),
      firstPointSeconds: firstPoint === null ? null : round((firstPoint - t0) / 1000),
      steps,
      longestMainThreadTaskMs: Math.round(Math.max(0, ...afterClick.map((t) => t.duration))),
      longestTaskWhileTrainingMs: Math.round(Math.max(0, ...whileTraining.map((t) => t.duration))),
      longTasks: afterClick.length,
      totalBlockingMs: Math.round(afterClick.reduce((s, t) => s + Math.max(0, t.duration - 50), 0)),
      longTasksByStep: afterClick.map((t) => [stepAt(t.start), Math.round(t.duration)] as const),
      chartRedraws: probe.redraws,
      redrawsPerSecond: trainingSeconds > 0 ? round(probe.redraws / trainingSeconds) : 0,
      longestFrames: probe.frames
        .filter((f) => f.start >= t0)
        .sort((a, b) => b.duration - a.duration)
        .slice(0, 5)
        .map((f) => ({ ms: Math.round(f.duration), scripts: f.scripts.slice(0, 4) })),
    };
  } finally {
    await page.context().close();
  }
}
