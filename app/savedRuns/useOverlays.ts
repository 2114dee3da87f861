import { useCallback, useMemo, useState } from 'react';
import type { SavedRun } from './runArchive';

/** The saved runs drawn behind the current one on the charts, toggled from the runs list. */
export function useOverlays(runs: readonly SavedRun[]) {
  const [overlaid, setOverlaid] = useState<ReadonlySet<string>>(new Set());
  const overlays = useMemo(() => runs.filter((r) => overlaid.has(r.id)), [runs, overlaid]);
  const toggle = useCallback(
    (id: string) =>
      setOverlaid((prev) => {
        const next = new Set(prev);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  return { overlaid, overlays, toggle };
}
