import type { UnfinishedRun } from './runArchive';

interface Props {
  readonly run: UnfinishedRun;
  /** False while the run's data is loading (or came from a file not loaded now). */
  readonly canContinue: boolean;
  readonly onContinue: () => void;
  readonly onDiscard: () => void;
}

/** A run that was training when the page was last closed: continue it from its last checkpoint, or discard it. */
export function InterruptedRun({ run, canContinue, onContinue, onDiscard }: Props) {
  return (
    <div role="alert" className="warning recover">
      <p>
        The run “{run.name}” was interrupted at step {run.checkpoint.step} when this page was last open; its curves and
        weights were kept.
      </p>
      <button type="button" className="primary" onClick={onContinue} disabled={!canContinue}>
        Continue the interrupted run from step {run.checkpoint.step}
      </button>{' '}
      <button type="button" onClick={onDiscard}>
        Discard it
      </button>
    </div>
  );
}
