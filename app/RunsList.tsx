import { useRef, useState } from 'react';
import { headlineMetric } from '../src/metrics/taskMetrics';
import type { SavedRun } from './runArchive';
import { download, runFromJson, runToCsv, runToJson } from './runFiles';
import { taskInfo } from './tasks';

interface Props {
  readonly runs: readonly SavedRun[];
  readonly overlaid: ReadonlySet<string>;
  readonly onToggle: (id: string) => void;
  readonly onRename: (run: SavedRun, name: string) => void;
  readonly onDelete: (run: SavedRun) => void;
  readonly onImport: (run: SavedRun) => void;
  readonly storageProblem: string | null;
}

const fileName = (run: SavedRun, ext: string) => `${run.name.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'run'}.${ext}`;

/** The runs done so far (kept in the browser): overlay, rename, export, delete (with undo), import. */
export function RunsList({ runs, overlaid, onToggle, onRename, onDelete, onImport, storageProblem }: Props) {
  const [deleted, setDeleted] = useState<SavedRun | null>(null);
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
      {storageProblem && <p role="alert" className="warning">{storageProblem}</p>}
      {runs.length === 0 && <p className="empty-runs">Finished runs appear here, are kept in this browser, and can be overlaid on the charts.</p>}
      <ul>
        {runs.map((r) => (
          <li key={r.id} className="run-item">
            <label>
              <input type="checkbox" checked={overlaid.has(r.id)} onChange={() => onToggle(r.id)} /> Overlay
            </label>
            <input className="run-name" aria-label={`Name of run ${r.name}`} defaultValue={r.name} maxLength={120}
              onBlur={(e) => e.target.value.trim() && e.target.value !== r.name && onRename(r, e.target.value.trim())}
              onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()} />
            <button type="button" onClick={() => download(fileName(r, 'json'), runToJson(r), 'application/json')}>JSON</button>
            <button type="button" onClick={() => download(fileName(r, 'csv'), runToCsv(r), 'text/csv')}>CSV</button>
            <button type="button" aria-label={`Delete ${r.name}`} onClick={() => {
              setDeleted(r);
              onDelete(r);
            }}>Delete</button>
            <small>
              {Object.entries(r.result.test)
                .map(([name, m]) => {
                  const h = headlineMetric(taskInfo(name).spec.kind, m);
                  return `${taskInfo(name).title} ${h.name} ${(h.value * 100).toFixed(1)}%`;
                })
                .join(' · ')}
              {r.backend ? ` · ${r.backend.name}` : ''} · {r.result.msPerStep.toFixed(0)} ms/step
            </small>
          </li>
        ))}
      </ul>
      {deleted && (
        <p className="undo">
          Deleted “{deleted.name}”.{' '}
          <button type="button" onClick={() => {
            onImport(deleted);
            setDeleted(null);
          }}>Undo</button>
        </p>
      )}
      <div className="buttons">
        <button type="button" onClick={() => fileInput.current?.click()}>Import a run (JSON)</button>
        <input ref={fileInput} type="file" accept="application/json,.json" hidden aria-label="Run file to import"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
            e.target.value = '';
          }} />
      </div>
      {importError && <p role="alert" className="error">{importError}</p>}
    </section>
  );
}
