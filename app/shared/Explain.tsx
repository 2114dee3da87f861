import { useId, useState } from 'react';
import { EXPLANATIONS } from './explanations';

/** A "?" that reveals one sentence on what a panel or chart shows (app/shared/explanations.ts); nothing when there is none. */
export function Explain({ topic }: { topic: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const text = EXPLANATIONS[topic];
  if (!text) return null;
  return (
    <>
      <button
        type="button"
        className="explain"
        aria-label={`About “${topic}”`}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        ?
      </button>
      <p id={id} className="explanation" hidden={!open}>
        {text}
      </p>
    </>
  );
}
