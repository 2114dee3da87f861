import { useState } from 'react';
import { PRESETS, presetLink } from './presets';

/** Copy link, the classroom presets, and the explanation of the preset in use. */
export function LinkBar({ preset }: { preset: string | null }) {
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
        <button type="button" onClick={copy}>Copy link</button>
        <details>
          <summary>Classroom presets</summary>
          <ul>
            {PRESETS.map((p) => (
              <li key={p.id}><a href={presetLink(p)}>{p.title}</a></li>
            ))}
          </ul>
        </details>
        {copied && <span aria-live="polite" className="copied">{copied}</span>}
      </div>
      {active && (
        <p className="preset-explanation"><strong>{active.title}.</strong> {active.explanation}</p>
      )}
    </section>
  );
}
