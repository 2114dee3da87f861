import { useCallback, useEffect, useMemo, useState } from 'react';
import { RunArchive, storageError, type SavedRun, type UnfinishedRun } from './runArchive';

const byDate = (a: SavedRun, b: SavedRun) => (a.createdAt < b.createdAt ? -1 : 1);
/** The list with `run` added, or in place of the run with its id. */
const withRun = (runs: readonly SavedRun[], run: SavedRun) =>
  [...runs.filter((x) => x.id !== run.id), run].sort(byDate);

/**
 * The runs list, mirrored in IndexedDB. Storage that fails never loses a run
 * from the page: the list keeps it and `storageProblem` says what happened.
 */
export function useSavedRuns() {
  const archive = useMemo(() => new RunArchive(), []);
  const [runs, setRuns] = useState<readonly SavedRun[]>([]);
  const [storageProblem, setStorageProblem] = useState<string | null>(null);
  const failed = useCallback(
    (what: string) => (err: unknown) =>
      setStorageProblem(
        `${what} could not be saved in this browser (${storageError(err)}); it stays on this page until you leave it.`,
      ),
    [],
  );

  // Runs kept in the browser come back on reload.
  useEffect(() => {
    archive
      .list()
      .then(
        (saved) => setRuns((prev) => [...saved, ...prev.filter((r) => !saved.some((s) => s.id === r.id))]),
        failed('Saved runs'),
      );
  }, [archive, failed]);

  /** Adds a run (an import, an undone deletion) or replaces one with the same id. */
  const put = useCallback(
    (run: SavedRun, what = 'This run') => {
      setRuns((prev) => withRun(prev, run));
      archive.put(run).catch(failed(what));
    },
    [archive, failed],
  );

  const rename = useCallback((run: SavedRun, name: string) => put({ ...run, name }, 'The new name'), [put]);

  const remove = useCallback(
    (run: SavedRun) => {
      setRuns((prev) => prev.filter((x) => x.id !== run.id));
      archive.delete(run.id).catch(failed('The deletion'));
    },
    [archive, failed],
  );

  // A run interrupted in an earlier visit (tab closed, browser crashed): offered once on load.
  const [unfinished, setUnfinished] = useState<UnfinishedRun | null>(null);
  useEffect(() => {
    archive.getUnfinished().then(setUnfinished, () => undefined);
  }, [archive]);

  /** Keeps the run in progress at its newest checkpoint; a failure is reported like any other. */
  const keepUnfinished = useCallback(
    (run: UnfinishedRun) => archive.putUnfinished(run).catch(failed('The checkpoint')),
    [archive, failed],
  );

  /** Stops offering the interrupted run; `forget` also deletes it from the browser. */
  const dropUnfinished = useCallback(
    (forget: boolean) => {
      setUnfinished(null);
      if (forget) archive.clearUnfinished().catch(() => undefined);
    },
    [archive],
  );

  /** Adds a finished run and stops offering it as interrupted, in one write. */
  const finish = useCallback(
    (run: SavedRun) => {
      setRuns((prev) => withRun(prev, run));
      setUnfinished(null);
      archive.finish(run).catch(failed('This run'));
    },
    [archive, failed],
  );

  return { runs, storageProblem, put, rename, remove, unfinished, keepUnfinished, dropUnfinished, finish };
}
