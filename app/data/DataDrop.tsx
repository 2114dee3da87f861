import { useId, useState, type DragEvent } from 'react';
import { DATA_FORMATS, FORMAT_KIND, type DataFormat, type TaskSpec } from '../../src/config/experiment';
import type { ReadProgress } from '../../src/worker/dataClient';
import {
  WorkerError,
  type UserFilePreview,
  type UserFileProgress,
  type UserTaskChoice,
} from '../../src/worker/protocol';
import { Inspection } from './DatasetInfo';
import { allTasks } from '../shared/tasks';
import { count } from '../shared/format';

const FORMAT_NAMES: Readonly<Record<DataFormat, string>> = {
  conllu: 'CoNLL-U (tagging)',
  iob2: 'IOB2 token per line (tagging)',
  conll2003: 'CoNLL-2003 token per line (tagging)',
  tsv: 'TSV text + label (classification)',
  csv: 'CSV text + label (classification)',
};

const TASK_NAME = /^[a-z][a-z0-9_-]{0,23}$/;

interface Props {
  readonly locked: boolean;
  readonly seed: number;
  readonly readFile: (file: File, onProgress?: ReadProgress) => Promise<{ id: number; preview: UserFilePreview }>;
  /** Stops the file being read: its readFile rejects with a WorkerTerminated error. */
  readonly stopReading: () => void;
  readonly addTask: (fileId: number, choice: UserTaskChoice) => Promise<TaskSpec>;
  readonly onAdded: (spec: TaskSpec) => void;
}

/** What the drop zone is doing: reading a file (which can be stopped), adding a task, or a note after a stop. */
type Status = { readonly kind: 'reading' | 'adding' | 'notice'; readonly text: string } | null;

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

function suggestedName(fileName: string): string {
  const base = fileName
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z]+/, '');
  return (base || 'mytask').slice(0, 24);
}

/**
 * The user's own data: pick or drop a file; the data worker detects its
 * format and shows a preview; the user confirms the format, columns, name
 * and split, and the file becomes a task like the built-in ones.
 */
export function DataDrop({ locked, seed, readFile, stopReading, addTask, onAdded }: Props) {
  const id = useId();
  const [status, setStatus] = useState<Status>(null);
  const busy = status !== null && status.kind !== 'notice';
  const [error, setError] = useState<string | null>(null);
  const [file, setFile] = useState<{ id: number; preview: UserFilePreview } | null>(null);
  const [name, setName] = useState('');
  const [format, setFormat] = useState<DataFormat>('conllu');
  const [textColumn, setTextColumn] = useState(0);
  const [labelColumn, setLabelColumn] = useState(1);
  const [ratios, setRatios] = useState({ train: 80, dev: 10, test: 10 });
  const [dragging, setDragging] = useState(false);

  const open = async (f: File | undefined) => {
    if (!f) return;
    setError(null);
    setFile(null);
    setStatus({ kind: 'reading', text: `Reading ${f.name} (${megabytes(f.size)} MB) in the background…` });
    let after: Status = null;
    try {
      const read = await readFile(f, (progress) =>
        setStatus({ kind: 'reading', text: readingStatus(f.name, progress) }),
      );
      setFile(read);
      setName(suggestedName(f.name));
      setFormat(read.preview.detection.format);
      setTextColumn(read.preview.detection.columns?.textColumn ?? 0);
      setLabelColumn(read.preview.detection.columns?.labelColumn ?? 1);
    } catch (err) {
      if (err instanceof WorkerError && err.name === 'WorkerTerminated')
        after = {
          kind: 'notice',
          text: `Stopped reading ${f.name}; nothing was added. Choose another file, or the same one again.`,
        };
      else setError(`${f.name} cannot be used: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setStatus(after);
    }
  };

  const taken = allTasks().some((t) => t.spec.name === name);
  const nameProblem = !TASK_NAME.test(name)
    ? 'Lower-case letters, digits, - or _, starting with a letter (at most 24).'
    : taken
      ? 'A task of that name exists already.'
      : null;
  const columns = file?.preview.detection.columns;
  const classification = FORMAT_KIND[format] === 'classification';

  const add = async () => {
    if (!file || nameProblem) return;
    setError(null);
    setStatus({ kind: 'adding', text: `Splitting ${file.preview.fileName} and adding the task “${name}”…` });
    try {
      const spec = await addTask(file.id, {
        name,
        format,
        ...(classification && columns ? { textColumn, labelColumn, header: columns.hasHeader } : {}),
        ratios: { train: ratios.train, dev: ratios.dev, test: ratios.test },
        seed,
      });
      onAdded(spec);
      setFile(null);
    } catch (err) {
      setError(`The task could not be made: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setStatus(null);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void open(e.dataTransfer.files[0]);
  };

  return (
    <section className="panel data-drop" aria-label="Your own data">
      <h2>Your own data</h2>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor={`${id}-file`}>Drop a file here or choose one</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".conllu,.conll,.iob2,.iob,.txt,.tsv,.csv"
          disabled={locked || busy}
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            // Emptied, so choosing the same file again (after an error or a stop) reads it again.
            e.target.value = '';
            void open(chosen);
          }}
        />
        <small>
          CoNLL-U, IOB2 / CoNLL-2003 token per line, or TSV / CSV text + label; up to 50 MB. It is read in this browser
          and never uploaded.
        </small>
      </div>
      {status && <p role="status">{status.text}</p>}
      {status?.kind === 'reading' && (
        <button type="button" onClick={stopReading}>
          Stop reading
        </button>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {file && (
        <div className="preview">
          <p>
            <strong>{file.preview.fileName}</strong> looks like{' '}
            <strong>{FORMAT_NAMES[file.preview.detection.format]}</strong>: {file.preview.detection.reason}
          </p>
          <div className="field">
            <label htmlFor={`${id}-name`}>Task name</label>
            <input
              id={`${id}-name`}
              value={name}
              onChange={(e) => setName(e.target.value.trim())}
              aria-invalid={nameProblem !== null}
            />
            {nameProblem && <small className="hint">{nameProblem}</small>}
          </div>
          <div className="field">
            <label htmlFor={`${id}-format`}>Format</label>
            <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as DataFormat)}>
              {DATA_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_NAMES[f]}
                </option>
              ))}
            </select>
          </div>
          {classification && columns && (
            <>
              <div className="field">
                <label htmlFor={`${id}-text`}>Text column</label>
                <select id={`${id}-text`} value={textColumn} onChange={(e) => setTextColumn(Number(e.target.value))}>
                  {columns.names.map((n, i) => (
                    <option key={i} value={i}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-label`}>Label column</label>
                <select id={`${id}-label`} value={labelColumn} onChange={(e) => setLabelColumn(Number(e.target.value))}>
                  {columns.names.map((n, i) => (
                    <option key={i} value={i}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
            </>
          )}
          <fieldset className="ratios">
            <legend>Split (seeded with the experiment’s seed {seed})</legend>
            {(['train', 'dev', 'test'] as const).map((s) => (
              <label key={s}>
                {s} %{' '}
                <input
                  type="number"
                  min={s === 'train' ? 1 : 0}
                  max={100}
                  value={ratios[s]}
                  onChange={(e) =>
                    setRatios({ ...ratios, [s]: Math.max(0, Math.min(100, Number(e.target.value) || 0)) })
                  }
                />
              </label>
            ))}
          </fieldset>
          <details open>
            <summary>What is in the file</summary>
            <Inspection inspection={file.preview.inspection} />
          </details>
          <button
            type="button"
            className="primary"
            disabled={nameProblem !== null || ratios.train <= 0 || busy}
            onClick={() => void add()}
          >
            Add task “{name}”
          </button>{' '}
          <button type="button" onClick={() => setFile(null)}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}

function readingStatus(fileName: string, p: UserFileProgress): string {
  switch (p.stage) {
    case 'reading':
      return `Reading ${fileName}: ${megabytes(p.loaded)} of ${megabytes(p.total)} MB…`;
    case 'parsing':
      return `Read ${fileName} (${megabytes(p.total)} MB); finding its format and parsing it…`;
    case 'inspecting':
      return `Parsed ${fileName}: ${count(p.examples)} examples; counting labels and lengths…`;
  }
}
