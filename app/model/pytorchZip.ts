import { zipSync } from 'fflate';
import { pytorchProject, type PythonSources } from '../../src/export/pytorchProject';
import type { ModelArtifacts } from '../../src/train/predictor';
import modelPy from '../../src/export/python/model.py?raw';
import dataPy from '../../src/export/python/data.py?raw';
import predictPy from '../../src/export/python/predict.py?raw';

const SOURCES: PythonSources = { 'model.py': modelPy, 'data.py': dataPy, 'predict.py': predictPy };

/** The exported PyTorch project as one zip, in a folder named `folder` (src/export/pytorchProject.ts says what is in it). */
export function pytorchZip(artifacts: ModelArtifacts, config: unknown, folder: string): Uint8Array<ArrayBuffer> {
  const files = pytorchProject(artifacts, config, SOURCES);
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of files)
    entries[`${folder}/${name}`] = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  // zipSync writes into a fresh ArrayBuffer (never a shared one), which a Blob accepts.
  return zipSync(entries, { level: 6 }) as Uint8Array<ArrayBuffer>;
}
