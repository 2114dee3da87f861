import { useRef, useState } from 'react';
import { headlineMetric } from '../../src/metrics/taskMetrics';
import type { SavedRun } from './runArchive';
import { download, runFromJson, runToCsv, runToJson } from './runFiles';
import { allTasks, taskInfo } from '../shared/tasks';

interface Props {
  readonly runs: readonly SavedRun[];
  readonly overlaid: ReadonlySet<string>;
  readonly onToggle: (id: string) => void;
  readonly onRename: (run: SavedRun, name: string) => void;
  readonly onDelete: (run: SavedRun) => void;
  readonly onImport: (run: SavedRun) => void;
  /** Starts a new run on `task` from this run's shared encoder. */
  readonly onFineTune: (run: SavedRun, task: string, freeze: boolean) => void;
  /** No new run while one is in progress. */
  readonly busy: boolean;
  readonly storageProblem: string | null;
}

/** Fine-tuning needs the run's final weights with its vocabulary, and one shared encoder to take. */
const canFineTune = (r: SavedRun) =>
  r.checkpoint?.vocabulary !== undefined &&
  r.form.sharing === 'hard' &&
  !(r.form.sharedLayers > 0 && r.form.sharedLayers < r.form.encoderLayers);

/** The pre-train-then-fine-tune step: a task and whether the encoder stays frozen. */
function FineTuneForm({
  run,
  busy,
  onStart,
  onCancel,
}: {
  run: SavedRun;
  busy: boolean;
  onStart: (task: string, freeze: boolean) => void;
  onCancel: () => void;
}) {
  const tasks = allTasks();
  const [task, setTask] = useState(
    tasks.find((t) => !run.tasks.includes(t.spec.name))?.spec.name ?? tasks[0]?.spec.name ?? '',
  );
  const [freeze, setFreeze] = useState(true);
  return (
    <div className="fine-tune" role="group" aria-label={`Fine-tune from ${run.name}`}>
      <label className="select">
        Task to fine-tune
        <select value={task} onChange={(e) => setTask(e.target.value)}>
          {tasks.map((t) => (
            <option key={t.spec.name} value={t.spec.name}>
              {t.title}
              {run.tasks.includes(t.spec.name) ? ' (trained in this run)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={freeze} onChange={(e) => setFreeze(e.target.checked)} /> Keep the encoder frozen
        (train the new head only)
      </label>
      <button type="button" className="primary" disabled={busy || !task} onClick={() => onStart(task, freeze)}>
        Start fine-tuning
      </button>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <small>
        {' '}
        A new run with this run's encoder ({run.form.encoder}, {run.form.encoderLayers} layer
        {run.form.encoderLayers === 1 ? '' : 's'}, width {run.form.hiddenSize}) and vocabulary, a fresh head, and the
        same training settings.
      </small>
    </div>
  );
}

const fileName = (run: SavedRun, ext: string) => `${run.name.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'run'}.${ext}`;

/** The runs done so far (kept in the browser): overlay, rename, export, delete (with undo), import. */
export function RunsList({
  runs,
  overlaid,
  onToggle,
  onRename,
  onDelete,
  onImport,
  onFineTune,
  busy,
  storageProblem,
}: Props) {
  const [deleted, setDeleted] = useState<SavedRun | null>(null);
  const [fineTuning, setFineTuning] = useState<string | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const importFile = async (file: File) => {
    setImportError(null);
    try {
      onImport(runFromJson(await file.text()));
    } catch (err) {
      setImportError(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <section className="runs" aria-label="Runs so far">
      <h2>Runs so far</h2>
      {storageProblem && (
        <p role="alert" className="warning">
          {storageProblem}
        </p>
      )}
      {runs.length === 0 && (
        <p className="empty-runs">
          Finished runs appear here, are kept in this browser, and can be overlaid on the charts.
        </p>
      )}
      <ul>
        {runs.map((r) => (
          <li key={r.id} className="run-item">
            <label>
              <input type="checkbox" checked={overlaid.has(r.id)} onChange={() => onToggle(r.id)} /> Overlay
            </label>
            <input
              className="run-name"
              aria-label={`Name of run ${r.name}`}
              defaultValue={r.name}
              maxLength={120}
              onBlur={(e) => e.target.value.trim() && e.target.value !== r.name && onRename(r, e.target.value.trim())}
              onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
            />
            <button type="button" onClick={() => download(fileName(r, 'json'), runToJson(r), 'application/json')}>
              JSON
            </button>
            <button type="button" onClick={() => download(fileName(r, 'csv'), runToCsv(r), 'text/csv')}>
              CSV
            </button>
            {canFineTune(r) && (
              <button
                type="button"
                aria-expanded={fineTuning === r.id}
                onClick={() => setFineTuning(fineTuning === r.id ? null : r.id)}
              >
                Fine-tune from this run…
              </button>
            )}
            <button
              type="button"
              aria-label={`Delete ${r.name}`}
              onClick={() => {
                setDeleted(r);
                onDelete(r);
              }}
            >
              Delete
            </button>
            <small>
              {Object.entries(r.result.test)
                .map(([name, m]) => {
                  const h = headlineMetric(taskInfo(name).spec.kind, m);
                  return `${taskInfo(name).title} ${h.name} ${(h.value * 100).toFixed(1)}%`;
                })
                .join(' · ')}
              {r.backend ? ` · ${r.backend.name}` : ''} · {r.result.msPerStep.toFixed(0)} ms/step
            </small>
            {fineTuning === r.id && (
              <FineTuneForm
                run={r}
                busy={busy}
                onCancel={() => setFineTuning(null)}
                onStart={(task, freeze) => {
                  setFineTuning(null);
                  onFineTune(r, task, freeze);
                }}
              />
            )}
          </li>
        ))}
      </ul>
      {deleted && (
        <p className="undo">
          Deleted “{deleted.name}”.{' '}
          <button
            type="button"
            onClick={() => {
              onImport(deleted);
              setDeleted(null);
            }}
          >
            Undo
          </button>
        </p>
      )}
      <div className="buttons">
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import a run (JSON)
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label="Run file to import"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
            e.target.value = '';
          }}
        />
      </div>
      {importError && (
        <p role="alert" className="error">
          {importError}
        </p>
      )}
    </section>
  );
}
