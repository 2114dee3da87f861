import { useEffect, useState } from 'react';
import type { RunState, RunStore } from './runStore';

const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';

/**
 * The store's state, re-read at most every `ms` so charts redraw a few times a
 * second at most. While the tab is hidden nothing is redrawn (the worker goes
 * on training and the store keeps every point); the charts catch up as soon
 * as the tab is visible again.
 */
export function useThrottledRun(store: RunStore, ms = 250): RunState {
  const [state, setState] = useState(store.get);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = store.subscribe(() => {
      if (timer !== null || hidden()) return;
      timer = setTimeout(() => {
        timer = null;
        setState(store.get());
      }, ms);
    });
    const onVisibility = () => {
      if (!hidden()) setState(store.get());
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      unsubscribe();
      document.removeEventListener('visibilitychange', onVisibility);
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, ms]);
  return state;
}
