import { useEffect, useRef } from 'react';

/**
 * autorun=1 starts training once the page is up and the tasks' data is loaded.
 * A timer, not only a flag: React's development double mount cancels the
 * first one, so exactly one run starts.
 */
export function useAutorun(requested: boolean, dataReady: boolean, train: () => void): void {
  const trainRef = useRef(train);
  useEffect(() => {
    trainRef.current = train;
  }, [train]);
  const pending = useRef(requested);
  useEffect(() => {
    if (!pending.current || !dataReady) return;
    const timer = setTimeout(() => {
      pending.current = false;
      trainRef.current();
    }, 0);
    return () => clearTimeout(timer);
  }, [dataReady]);
}
