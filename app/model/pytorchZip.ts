import { zipSync } from 'fflate';
import { pytorchProject, type PythonSources, type TaskSources } from '../../src/export/pytorchProject';
import type { ModelArtifacts } from '../../src/train/predictor';
import modelPy from '../../src/export/python/model.py?raw';
import dataPy from '../../src/export/python/data.py?raw';
import predictPy from '../../src/export/python/predict.py?raw';
import trainPy from '../../src/export/python/train.py?raw';
import { corpusOf } from '../../src/data/corpora';

const SOURCES: PythonSources = { 'model.py': modelPy, 'data.py': dataPy, 'predict.py': predictPy, 'train.py': trainPy };

/** The built-in tasks' pinned corpus URLs, for train.py; a task from the user's file is left for --data (README says how). */
function taskSources(artifacts: ModelArtifacts): Record<string, TaskSources> {
  const out: Record<string, TaskSources> = {};
  for (const task of artifacts.modelJson.tasks) {
    const corpus = corpusOf(task.name);
    if (!corpus) continue;
    const url = (split: string) => corpus.files.find((f) => f.split === split)?.url;
    const [train, dev, test] = [url('train'), url('dev'), url('test')];
    out[task.name] = {
      format: corpus.format,
      ...(train ? { train } : {}),
      ...(dev ? { dev } : {}),
      ...(test ? { test } : {}),
    };
  }
  return out;
}

/** The exported PyTorch project as one zip, in a folder named `folder` (src/export/pytorchProject.ts says what is in it). */
export function pytorchZip(
  artifacts: ModelArtifacts,
  config: unknown,
  folder: string,
): { zip: Uint8Array<ArrayBuffer>; withoutData: string[] } {
  const sources = taskSources(artifacts);
  const files = pytorchProject(artifacts, config, SOURCES, sources);
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of files)
    entries[`${folder}/${name}`] = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  // zipSync writes into a fresh ArrayBuffer (never a shared one), which a Blob accepts.
  return {
    zip: zipSync(entries, { level: 6 }) as Uint8Array<ArrayBuffer>,
    // Tasks from the user's files: the page does not keep the file, so train.py needs it with --data.
    withoutData: artifacts.modelJson.tasks.map((t) => t.name).filter((name) => !sources[name]),
  };
}
