import { useCallback, useEffect, useRef, useState } from 'react';
import type { TaskSpec } from '../../src/config/experiment';
import type { SharedSentences, TaskData } from '../../src/data/corpusLoader';
import type { TaskFiles } from '../../src/data/prepare';
import { DataWorkerClient, type ReadProgress } from '../../src/worker/dataClient';
import type { UserTaskChoice } from '../../src/worker/protocol';
import type { ExperimentForm } from '../../src/config/form';
import { activeTasks } from '../settings/experimentForm';
import { BUILT_IN_TASKS, registerUserTask } from '../shared/tasks';
import type { RunTaskData } from '../model/pytorchZip';

export type DatasetState =
  | { readonly status: 'loading'; readonly loaded: number; readonly total: number }
  | { readonly status: 'ready'; readonly data: TaskData };

/**
 * Each task's data: the built-in corpora load in the data worker (cache,
 * else download, else the samples), files the user drops in become tasks.
 */
export function useDatasets(offline: boolean) {
  const [datasets, setDatasets] = useState<Readonly<Record<string, DatasetState>>>(() =>
    Object.fromEntries(BUILT_IN_TASKS.map((t) => [t.spec.name, { status: 'loading', loaded: 0, total: 0 }])),
  );
  const [shared, setShared] = useState<SharedSentences | null>(null);
  // A user's file is read in a data worker of its own, started at the first file: stopping a long read
  // ends that worker only, never the corpora's.
  const fileClientRef = useRef<DataWorkerClient | null>(null);

  useEffect(() => {
    // The corpora's worker, one per mount: React's development double mount ends the first one cleanly.
    const client = new DataWorkerClient();
    // Progress per file, summed per task: three files of a corpus make one bar.
    const progress = new Map<string, { loaded: number; total: number }>();
    const unsubscribe = client.subscribe((m) => {
      if (m.kind === 'corpusProgress') {
        progress.set(`${m.task}/${m.split}`, { loaded: m.loaded, total: m.total });
        let loaded = 0;
        let total = 0;
        for (const [key, p] of progress) {
          if (!key.startsWith(`${m.task}/`)) continue;
          loaded += p.loaded;
          total += p.total;
        }
        setDatasets((prev) =>
          prev[m.task]?.status === 'ready' ? prev : { ...prev, [m.task]: { status: 'loading', loaded, total } },
        );
      } else if (m.kind === 'taskData') {
        setDatasets((prev) => ({ ...prev, [m.data.task]: { status: 'ready', data: m.data } }));
      } else if (m.kind === 'sharedSentences') {
        setShared(m.shared);
      }
    });
    client.loadCorpora(
      BUILT_IN_TASKS.map((t) => t.spec.name),
      offline,
    );
    return () => {
      unsubscribe();
      client.terminate();
    };
  }, [offline]);
  // A worker that crashed is replaced too: its error was shown with the file it failed on.
  const fileWorker = useCallback(() => {
    if (!fileClientRef.current?.alive) fileClientRef.current = new DataWorkerClient();
    return fileClientRef.current;
  }, []);
  /** Ends the file's worker: a read in progress rejects with WorkerTerminated; the next file starts a fresh worker. */
  const stopReading = useCallback(() => {
    fileClientRef.current?.terminate();
    fileClientRef.current = null;
  }, []);
  useEffect(() => stopReading, [stopReading]);

  const addUserTask = useCallback(
    async (fileId: number, choice: UserTaskChoice): Promise<TaskSpec> => {
      const { data, spec } = await fileWorker().buildUserTask(fileId, choice);
      registerUserTask(spec);
      setDatasets((prev) => ({ ...prev, [spec.name]: { status: 'ready', data } }));
      return spec;
    },
    [fileWorker],
  );

  /**
   * The files of the form's active tasks, or null while one is still
   * loading. With "same sentences" on and both NER and POS active, those two
   * train on the EWT sentences they share (when the real corpora are loaded).
   */
  const filesFor = useCallback(
    (form: ExperimentForm): Record<string, TaskFiles> | null => {
      // A language-model helper needs no files of its own: it reads its source's.
      const tasks = activeTasks(form).flatMap((t) => (t.spec.languageModelOf === undefined ? [t.spec.name] : []));
      const joint = form.sameSentences && shared !== null && tasks.includes('ner') && tasks.includes('pos');
      const out: Record<string, TaskFiles> = {};
      for (const t of tasks) {
        const d = datasets[t];
        if (d?.status !== 'ready') return null;
        out[t] = joint && (t === 'ner' || t === 'pos') ? shared[t] : d.data.files;
      }
      return out;
    },
    [datasets, shared],
  );

  /** What each of the form's tasks trains on, for the PyTorch export: the files, and whether they are the pinned corpus. */
  const trainingDataFor = useCallback(
    (form: ExperimentForm): Record<string, RunTaskData> | null => {
      const files = filesFor(form);
      if (!files) return null;
      const joint = form.sameSentences && shared !== null;
      const out: Record<string, RunTaskData> = {};
      for (const t of activeTasks(form)) {
        const taskFiles = files[t.spec.name];
        const d = datasets[t.spec.name];
        if (!taskFiles || d?.status !== 'ready') continue;
        const name = t.spec.name;
        const sharedSentences = joint && (name === 'ner' || name === 'pos') && taskFiles === shared[name];
        out[t.spec.name] = {
          files: taskFiles,
          pinned: (d.data.origin === 'network' || d.data.origin === 'cache') && !sharedSentences,
          format: t.spec.format,
        };
      }
      return out;
    },
    [datasets, shared, filesFor],
  );

  return {
    datasets,
    shared,
    filesFor,
    trainingDataFor,
    readUserFile: (file: File, onProgress?: ReadProgress) => fileWorker().readUserFile(file, file.name, onProgress),
    stopReading,
    addUserTask,
  };
}
