import { useId, useState } from 'react';
import { entities } from '../../src/metrics/ner';
import type { Prediction } from '../../src/train/events';
import { taskInfo } from '../shared/tasks';
import { Explain } from '../shared/Explain';

interface Props {
  readonly canPredict: boolean;
  readonly predict: (text: string) => Promise<Prediction>;
}

/** Type a sentence: sentiment label and probability, a POS tag under each token, NER spans highlighted. */
export function TryIt({ canPredict, predict }: Props) {
  const id = useId();
  const [text, setText] = useState('Maria Lopez loved the new office in Lisbon .');
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = () => {
    setError(null);
    predict(text).then(setPrediction, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };
  const tagging = prediction ? Object.entries(prediction.tasks).filter(([, p]) => p.kind === 'tagging') : [];
  const ner = tagging.find(
    ([name, p]) => p.kind === 'tagging' && p.tags.some((t) => /^[BI]-/.test(t)) && name === 'ner',
  );
  const spans = ner && ner[1].kind === 'tagging' ? entities(ner[1].tags) : [];
  const entityAt = (i: number) => spans.find((s) => i >= s.start && i < s.end);
  return (
    <section className="try-it" aria-label="Try it">
      <h2>Try it</h2>
      <Explain topic="Try it" />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label htmlFor={id}>Sentence</label>
        <input id={id} type="text" value={text} onChange={(e) => setText(e.target.value)} maxLength={500} />
        <button type="submit" disabled={!canPredict || text.trim() === ''}>
          Predict
        </button>
        {!canPredict && <small className="hint">Train a model first (predictions also work while it trains).</small>}
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {prediction && (
        <div className="prediction" aria-live="polite">
          {Object.entries(prediction.tasks).map(([name, p]) =>
            p.kind === 'classification' ? (
              <p key={name}>
                <strong style={{ color: taskInfo(name).colour }}>{taskInfo(name).title}:</strong>{' '}
                {p.label === '1' ? 'positive' : p.label === '0' ? 'negative' : p.label} (
                {(p.probability * 100).toFixed(1)}%)
              </p>
            ) : null,
          )}
          <div className="tokens">
            {prediction.tokens.map((token, i) => {
              const entity = entityAt(i);
              return (
                <span key={i} className={`token${entity ? ' entity' : ''}`} data-entity={entity?.type}>
                  <span className="word">{token}</span>
                  {tagging.map(([name, p]) => (
                    <span key={name} className="tag" style={{ color: taskInfo(name).colour }}>
                      {p.kind === 'tagging' ? p.tags[i] : ''}
                    </span>
                  ))}
                </span>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
