import { useState } from 'react';
import { PRESETS, presetLink } from './presets';
import measured from './presetResults.json';
import { taskInfo } from '../shared/tasks';

interface ClaimResult {
  readonly task: string;
  readonly baseline: string;
  readonly seeds: readonly number[];
  readonly baselineMean: number;
  readonly presetMean: number;
  readonly difference: number;
  readonly spread: number;
  readonly verdict: string;
  readonly backend: string;
  readonly date: string;
}

const pct = (v: number) => (v * 100).toFixed(1);

/** What `npm run eval:presets` measured for this preset's claim (app/presetResults.json), in one sentence. */
function MeasuredClaim({ presetId }: { presetId: string }) {
  const r = (measured as Record<string, ClaimResult | undefined>)[presetId];
  if (!r) return null;
  const baseline = PRESETS.find((p) => p.id === r.baseline)?.title ?? r.baseline;
  const verdict =
    r.verdict === 'within seed noise'
      ? 'a difference within seed noise'
      : r.verdict === 'gain'
        ? 'a gain larger than the seeds’ spread'
        : r.verdict === 'loss'
          ? 'a loss larger than the seeds’ spread'
          : r.verdict;
  return (
    <p className="preset-measured">
      Measured on the real corpora over {r.seeds.length} seeds: {taskInfo(r.task).title} {pct(r.presetMean)} here vs{' '}
      {pct(r.baselineMean)} in “{baseline}”, a difference of {r.difference >= 0 ? '+' : ''}
      {pct(r.difference)} (seed spread ±{pct(r.spread)}): {verdict}. {r.backend}, {r.date}.
    </p>
  );
}

/** Copy link, the classroom presets, and the explanation of the preset in use. */
export function LinkBar({ preset, fileTasks = [] }: { preset: string | null; fileTasks?: readonly string[] }) {
  const [copied, setCopied] = useState<string | null>(null);
  const active = PRESETS.find((p) => p.id === preset);
  const copy = () => {
    const url = window.location.href;
    const done = () => setCopied('Link copied.');
    if (navigator.clipboard) navigator.clipboard.writeText(url).then(done, () => setCopied(`Copy this link: ${url}`));
    else setCopied(`Copy this link: ${url}`);
  };
  return (
    <section className="link-bar" aria-label="Share and presets">
      <div className="buttons">
        <button type="button" onClick={copy}>
          Copy link
        </button>
        <details>
          <summary>Classroom presets</summary>
          <ul>
            {PRESETS.map((p) => (
              <li key={p.id}>
                <a href={presetLink(p)}>{p.title}</a>
              </li>
            ))}
          </ul>
        </details>
        {copied && (
          <span aria-live="polite" className="copied">
            {copied}
          </span>
        )}
      </div>
      {fileTasks.length > 0 && (
        <p className="hint link-files">
          The link carries the settings but not your own file{fileTasks.length > 1 ? 's' : ''} ({fileTasks.join(', ')}):
          whoever opens it gets the built-in tasks only, and needs the file to add{' '}
          {fileTasks.length > 1 ? 'them' : 'it'} again.
        </p>
      )}
      {active && (
        <p className="preset-explanation">
          <strong>{active.title}.</strong> {active.explanation}
        </p>
      )}
      {active && <MeasuredClaim presetId={active.id} />}
    </section>
  );
}
