import { useEffect, useState } from 'react';
import type { RunState, RunStore } from './runStore';

/** The store's state, re-read at most every `ms` so charts redraw a few times a second at most. */
export function useThrottledRun(store: RunStore, ms = 250): RunState {
  const [state, setState] = useState(store.get);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = store.subscribe(() => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        setState(store.get());
      }, ms);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, ms]);
  return state;
}
