import { zipSync } from 'fflate';
import { pytorchProject, unexportableFor, type PythonSources, type TaskSources } from '../../src/export/pytorchProject';
import type { ModelArtifacts } from '../../src/train/predictor';
import type { TaskFiles } from '../../src/data/prepare';
import modelPy from '../../src/export/python/model.py?raw';
import dataPy from '../../src/export/python/data.py?raw';
import predictPy from '../../src/export/python/predict.py?raw';
import trainPy from '../../src/export/python/train.py?raw';
import browserRandomPy from '../../src/export/python/browser_random.py?raw';
import { corpusOf } from '../../src/data/corpora';

const SOURCES: PythonSources = {
  'model.py': modelPy,
  'data.py': dataPy,
  'predict.py': predictPy,
  'train.py': trainPy,
  'browser_random.py': browserRandomPy,
};

/** What a task of the finished run trained on: its files, and whether they are the pinned corpus itself. */
export interface RunTaskData {
  readonly files: TaskFiles;
  /** The corpus's pinned files, whole (not the built-in samples, not the sentences NER and POS share). */
  readonly pinned: boolean;
  /** The task's file format (the parsers' name: conllu, iob2, tsv…). */
  readonly format: string;
}

// Re-exported so the page reaches it through this lazily loaded chunk: checked before anything is written.
export { unexportableFor };

const EXTENSIONS: Readonly<Record<string, string>> = { conllu: 'conllu', iob2: 'iob2', conll2003: 'txt', csv: 'csv' };

/**
 * Where train.py reads each task's data: the corpus's pinned URLs when the
 * run trained on them, else the very files it trained on, written into the
 * project (built-in samples, shared sentences, the user's file). A task
 * whose files are not known is left for --data, and named.
 */
function taskSources(
  artifacts: ModelArtifacts,
  trained: Readonly<Record<string, RunTaskData>>,
): { sources: Record<string, TaskSources>; files: Map<string, string>; withoutData: string[] } {
  const sources: Record<string, TaskSources> = {};
  const files = new Map<string, string>();
  const withoutData: string[] = [];
  for (const task of artifacts.modelJson.tasks) {
    const run = trained[task.name];
    const corpus = corpusOf(task.name);
    if (run?.pinned && corpus) {
      const url = (split: string) => corpus.files.find((f) => f.split === split)?.url;
      const [train, dev, test] = [url('train'), url('dev'), url('test')];
      sources[task.name] = {
        format: corpus.format,
        ...(train ? { train } : {}),
        ...(dev ? { dev } : {}),
        ...(test ? { test } : {}),
      };
    } else if (run) {
      const paths: Partial<Record<'train' | 'dev' | 'test', string>> = {};
      for (const split of ['train', 'dev', 'test'] as const) {
        const file = run.files[split];
        if (!file) continue;
        paths[split] = `data/${task.name}-${split}.${EXTENSIONS[run.format] ?? 'tsv'}`;
        files.set(paths[split], file.text);
      }
      sources[task.name] = { format: run.format, ...paths };
    } else if (!artifacts.modelJson.spec.tasks.find((t) => t.name === task.name)?.languageModel)
      withoutData.push(task.name);
  }
  return { sources, files, withoutData };
}

/** The tasks whose data the project would not hold (train.py then needs --data): said before anything is written. */
export function tasksWithoutData(artifacts: ModelArtifacts, trained: Readonly<Record<string, RunTaskData>>): string[] {
  return taskSources(artifacts, trained).withoutData;
}

/** The exported PyTorch project as one zip, in a folder named `folder` (src/export/pytorchProject.ts says what is in it). */
export function pytorchZip(
  artifacts: ModelArtifacts,
  config: unknown,
  folder: string,
  trained: Readonly<Record<string, RunTaskData>>,
): { zip: Uint8Array<ArrayBuffer>; withoutData: string[]; dataFiles: string[] } {
  const { sources, files: dataFiles, withoutData } = taskSources(artifacts, trained);
  const files = pytorchProject(artifacts, config, SOURCES, sources);
  for (const [name, text] of dataFiles) files.set(name, text);
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of files)
    entries[`${folder}/${name}`] = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  // zipSync writes into a fresh ArrayBuffer (never a shared one), which a Blob accepts.
  return {
    zip: zipSync(entries, { level: 6 }) as Uint8Array<ArrayBuffer>,
    withoutData,
    dataFiles: [...dataFiles.keys()],
  };
}
