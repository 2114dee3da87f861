import { useRef, useState } from 'react';
import type { ModelArtifacts, OutputTask } from '../../src/train/predictor';
import { download } from '../savedRuns/runFiles';
import { taskInfo } from '../shared/tasks';
import type { RunTaskData } from './pytorchZip';

interface Props {
  readonly canExport: boolean;
  /** The trained model; `withInitial` adds the weights its run started from (the PyTorch export needs them). */
  readonly exportModel: (withInitial: boolean) => Promise<ModelArtifacts>;
  readonly loadModel: (artifacts: ModelArtifacts) => Promise<readonly OutputTask[]>;
  readonly onLoaded: () => void;
  /** The finished run's experiment (and its link), written into the PyTorch project as config.json. */
  readonly experiment: unknown;
  /** What each task of the finished run trained on (train.py's data); null when not known. */
  readonly trainingData: Readonly<Record<string, RunTaskData>> | null;
}

/** One run's export: its weights, experiment and data, taken together when Export was pressed. */
interface RunExport {
  readonly artifacts: ModelArtifacts;
  readonly experiment: unknown;
  readonly trainingData: Readonly<Record<string, RunTaskData>>;
}

/** An export waiting for the user's word: the project would not hold some tasks' data. */
interface PendingExport extends RunExport {
  readonly withoutData: readonly string[];
}

/** Export the trained model (TensorFlow.js weights format) and load one back for Try it. */
export function ModelFiles({ canExport, exportModel, loadModel, onLoaded, experiment, trainingData }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [pending, setPending] = useState<PendingExport | null>(null);
  const failed = (err: unknown) =>
    setMessage({ text: `Export failed: ${err instanceof Error ? err.message : String(err)}`, error: true });
  const doExport = () =>
    exportModel(false).then((a) => {
      download('model.json', JSON.stringify(a.modelJson), 'application/json');
      download('weights.bin', a.weights, 'application/octet-stream');
      setMessage({ text: 'Saved model.json and weights.bin.', error: false });
    }, failed);
  /** Writes the zip (nothing is written before this). */
  const savePytorch = async (run: RunExport) => {
    setPending(null);
    try {
      // Loaded only when asked for: the zip writer and the Python sources stay out of the first page load.
      const { pytorchZip } = await import('./pytorchZip');
      const { zip, withoutData, dataFiles } = pytorchZip(
        run.artifacts,
        run.experiment,
        'mtl-pytorch',
        run.trainingData,
      );
      download('mtl-pytorch.zip', zip, 'application/zip');
      const held = dataFiles.length
        ? ` The data this run trained on that is not a public corpus is inside it (${dataFiles.length} file${dataFiles.length > 1 ? 's' : ''} under data/).`
        : '';
      const missing = withoutData.length
        ? ` Without data for ${withoutData.join(', ')}: give it to train.py with --data ${withoutData[0]}=FILE.`
        : '';
      setMessage({
        text: `Saved mtl-pytorch.zip: a PyTorch project with these weights (see its README.md).${held}${missing}`,
        error: false,
      });
    } catch (err) {
      failed(err);
    }
  };
  const doExportPytorch = async () => {
    setMessage(null);
    try {
      const artifacts = await exportModel(true);
      const { tasksWithoutData, unexportableFor } = await import('./pytorchZip');
      const reasons = unexportableFor(artifacts, experiment);
      if (reasons.length > 0)
        throw new Error(`this experiment cannot be exported to PyTorch yet: ${reasons.join('; ')}`);
      const run = { artifacts, experiment, trainingData: trainingData ?? {} };
      const withoutData = tasksWithoutData(artifacts, run.trainingData);
      // Said before anything is written: a project without a task's data is not the same experiment until it is given.
      if (withoutData.length > 0) setPending({ ...run, withoutData });
      else await savePytorch(run);
    } catch (err) {
      failed(err);
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
      {pending && (
        <div role="group" aria-label="Export as PyTorch without some data" className="export-confirm">
          <p role="alert">
            The page no longer holds the data {pending.withoutData.join(', ')} trained on, so the project cannot include
            it: train.py will need it with <code>--data {pending.withoutData[0]}=FILE</code> (predict.py and the weights
            work without it).
          </p>
          <button type="button" onClick={() => void savePytorch(pending)}>
            Export without it
          </button>
          <button type="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      )}
      {message && (
        <span role={message.error ? 'alert' : undefined} className={message.error ? 'field-error' : 'copied'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
