import { useRef, useState } from 'react';
import type { ModelArtifacts, OutputTask } from '../../src/train/predictor';
import { download } from '../savedRuns/runFiles';
import { taskInfo } from '../shared/tasks';

interface Props {
  readonly canExport: boolean;
  readonly exportModel: () => Promise<ModelArtifacts>;
  readonly loadModel: (artifacts: ModelArtifacts) => Promise<readonly OutputTask[]>;
  readonly onLoaded: () => void;
  /** The finished run's experiment (and its link), written into the PyTorch project as config.json. */
  readonly experiment: unknown;
}

/** Export the trained model (TensorFlow.js weights format) and load one back for Try it. */
export function ModelFiles({ canExport, exportModel, loadModel, onLoaded, experiment }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const doExport = () =>
    exportModel().then(
      (a) => {
        download('model.json', JSON.stringify(a.modelJson), 'application/json');
        download('weights.bin', a.weights, 'application/octet-stream');
        setMessage({ text: 'Saved model.json and weights.bin.', error: false });
      },
      (err: unknown) =>
        setMessage({ text: `Export failed: ${err instanceof Error ? err.message : String(err)}`, error: true }),
    );
  const doExportPytorch = async () => {
    try {
      // Loaded only when asked for: the zip writer and the Python sources stay out of the first page load.
      const { pytorchZip } = await import('./pytorchZip');
      const { zip, withoutData } = pytorchZip(await exportModel(), experiment, 'mtl-pytorch');
      download('mtl-pytorch.zip', zip, 'application/zip');
      const missing = withoutData.length
        ? ` Your own file${withoutData.length > 1 ? 's are' : ' is'} not in it: give ${withoutData.join(', ')} to train.py with --data ${withoutData[0]}=FILE.`
        : '';
      setMessage({
        text: `Saved mtl-pytorch.zip: a PyTorch project with these weights (see its README.md).${missing}`,
        error: false,
      });
    } catch (err) {
      setMessage({ text: `Export failed: ${err instanceof Error ? err.message : String(err)}`, error: true });
    }
  };
  const load = async (files: FileList) => {
    const list = [...files];
    const json = list.find((f) => f.name.endsWith('.json'));
    const bin = list.find((f) => f.name.endsWith('.bin'));
    if (!json || !bin)
      return setMessage({ text: 'Choose both files of a model: model.json and weights.bin.', error: true });
    try {
      const modelJson = JSON.parse(await json.text()) as ModelArtifacts['modelJson'];
      const tasks = await loadModel({ modelJson, weights: await bin.arrayBuffer() });
      setMessage({
        text: `Loaded a model for ${tasks.map((t) => taskInfo(t.name).title).join(', ')}: try a sentence.`,
        error: false,
      });
      onLoaded();
    } catch (err) {
      setMessage({ text: `${json.name}: ${err instanceof Error ? err.message : String(err)}`, error: true });
    }
  };
  return (
    <div className="buttons model-files">
      <button type="button" onClick={() => void doExport()} disabled={!canExport}>
        Export model (TF.js)
      </button>
      <button type="button" onClick={() => void doExportPytorch()} disabled={!canExport}>
        Export as PyTorch
      </button>
      <button type="button" onClick={() => input.current?.click()}>
        Load a model…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept=".json,.bin"
        hidden
        aria-label="Model files to load"
        onChange={(e) => {
          if (e.target.files) void load(e.target.files);
          e.target.value = '';
        }}
      />
      {message && (
        <span role={message.error ? 'alert' : undefined} className={message.error ? 'field-error' : 'copied'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
