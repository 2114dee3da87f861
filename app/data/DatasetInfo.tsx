import { corpusOf } from '../../src/data/corpora';
import type { TaskData } from '../../src/data/corpusLoader';
import type { TaskInspection } from '../../src/data/inspector';
import type { DatasetState } from './useDatasets';
import { count } from '../shared/format';

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Where a task's data comes from, how big it is, and (on request) what is inside. */
export function DatasetInfo({ task, state }: { task: string; state: DatasetState | undefined }) {
  if (!state || state.status === 'loading') {
    const corpus = corpusOf(task);
    return (
      <div className="task-data">
        <small>
          Loading {corpus?.name ?? task}
          {state && state.total > 0 ? `: ${mb(state.loaded)} of ${mb(state.total)}` : '…'}
        </small>
        <progress
          max={state?.total || 1}
          value={state?.loaded ?? 0}
          aria-label={`Download of ${corpus?.name ?? task}`}
        />
      </div>
    );
  }
  return <ReadyDataset data={state.data} />;
}

function ReadyDataset({ data }: { data: TaskData }) {
  const corpus = corpusOf(data.task);
  const { sizes } = data.inspection;
  const unit = data.inspection.lengthHistogram.length > 0 && corpus?.format !== 'tsv' ? 'sentences' : 'examples';
  const where =
    data.origin === 'network'
      ? `downloaded ${mb(data.downloadedBytes)}, now kept in this browser`
      : data.origin === 'cache'
        ? 'from this browser’s cache (nothing downloaded)'
        : data.origin === 'file'
          ? 'from your file (it never leaves this browser)'
          : 'built-in sample';
  return (
    <div className="task-data" data-origin={data.origin}>
      <small>
        {data.origin === 'samples' || data.origin === 'file' ? '' : `${corpus?.name ?? data.task}: `}
        {count(sizes.train.examples)} train / {count(sizes.dev.examples)} dev / {count(sizes.test.examples)} test {unit}{' '}
        · {data.inspection.labels.length} labels · {where}
      </small>
      {data.origin === 'samples' && (
        <small className="hint" role="note">
          On the built-in sample, not the real corpus: {data.problem}.
        </small>
      )}
      <details className="inspector">
        <summary>Inspect the data{corpus && data.origin !== 'samples' ? ', source and licence' : ''}</summary>
        {corpus && data.origin !== 'samples' && (
          <dl className="source">
            <dt>Source</dt>
            <dd>
              {corpus.homepage} · {corpus.version}
            </dd>
            <dt>Licence</dt>
            <dd>{corpus.licence}</dd>
            <dt>Cite</dt>
            <dd>{corpus.citation}</dd>
            {corpus.note && (
              <>
                <dt>Splits</dt>
                <dd>{corpus.note}</dd>
              </>
            )}
          </dl>
        )}
        <Inspection inspection={data.inspection} />
      </details>
    </div>
  );
}

export function Inspection({ inspection }: { inspection: TaskInspection }) {
  const top = inspection.labels.slice(0, 12);
  const maxBin = Math.max(1, ...inspection.lengthHistogram.map((b) => b.count));
  return (
    <div className="inspection">
      <table>
        <caption>Split sizes</caption>
        <thead>
          <tr>
            <th scope="col">split</th>
            <th scope="col">examples</th>
            <th scope="col">tokens</th>
          </tr>
        </thead>
        <tbody>
          {(['train', 'dev', 'test'] as const).map((s) => (
            <tr key={s}>
              <th scope="row">{s}</th>
              <td>{count(inspection.sizes[s].examples)}</td>
              <td>{count(inspection.sizes[s].tokens)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Dev vocabulary coverage:{' '}
        {inspection.devCoverage
          ? `${percent(inspection.devCoverage.tokenShare)} of dev tokens, ${percent(inspection.devCoverage.typeShare)} of dev word types occur in train`
          : 'no dev split'}
        .
      </p>
      <p>
        Labels in train
        {inspection.labels.length > top.length ? ` (top ${top.length} of ${inspection.labels.length})` : ''}:
      </p>
      <ul className="bars" aria-label="Label distribution">
        {top.map((l) => (
          <li key={l.label}>
            <span className="bar-label">{l.label}</span>
            <span className="bar" style={{ width: `${Math.max(1, l.share * 100)}%` }} /> {percent(l.share)}
          </li>
        ))}
      </ul>
      <p>Sentence length in tokens (train):</p>
      <ul className="bars" aria-label="Sentence length histogram">
        {inspection.lengthHistogram.map((b) => (
          <li key={b.label}>
            <span className="bar-label">{b.label}</span>
            <span className="bar" style={{ width: `${(b.count / maxBin) * 100}%` }} /> {count(b.count)}
          </li>
        ))}
      </ul>
      <p>First examples:</p>
      <ol className="examples">
        {inspection.examples.map((e, i) => (
          <li key={i}>
            {typeof e.labels === 'string' ? (
              <>
                {e.tokens.join(' ')} → <strong>{e.labels}</strong>
              </>
            ) : (
              e.tokens.map((t, j) => (
                <span key={j} className="tok">
                  {t}
                  <sub>{e.labels[j]}</sub>{' '}
                </span>
              ))
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
