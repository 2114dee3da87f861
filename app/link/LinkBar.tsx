import { useState } from 'react';
import { PRESETS, presetLink } from './presets';
import { MeasuredClaim } from './MeasuredClaim';
import { LESSONS } from '../lessons/lessons';

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
        <details>
          <summary>Lessons</summary>
          <ul>
            {LESSONS.map((l) => (
              <li key={l.id}>
                <a href={`?lesson=${l.id}&step=1`}>{l.question}</a>
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
