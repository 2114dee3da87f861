import { useEffect, useRef, useState } from 'react';

// One queue for the whole page: each job re-renders one chart, in its own task.
const queue: (() => void)[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;

function pump(): void {
  const job = queue.shift();
  if (!job) {
    timer = null;
    return;
  }
  job();
  // The next chart only after the next frame, even one queued later: recharts finishes a redraw in an
  // animation-frame callback, and all of a frame's callbacks run in one task.
  timer = setTimeout(() => requestAnimationFrame(() => (timer = setTimeout(pump, 0))), 0);
}

/**
 * `value`, passed on one chart at a time: when several charts get new data in
 * the same tick (a validation lands, the interaction charts refresh), each
 * redraws in its own task, so the page stays responsive between them (a
 * recharts redraw costs tens of milliseconds; three in one task blocked
 * input for a few hundred). Always ends at the latest value.
 */
export function useOneAtATime<T>(value: T): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const queued = useRef<(() => void) | null>(null);
  useEffect(() => {
    latest.current = value;
    if (queued.current !== null || Object.is(value, shown)) return;
    const job = () => {
      queued.current = null;
      setShown(() => latest.current);
    };
    queued.current = job;
    queue.push(job);
    timer ??= setTimeout(pump, 0);
  }, [value, shown]);
  useEffect(
    () => () => {
      // Unmounted: its pending job, if any, must not run.
      const i = queue.indexOf(queued.current as () => void);
      if (i >= 0) queue.splice(i, 1);
      queued.current = null;
    },
    [],
  );
  return shown;
}
