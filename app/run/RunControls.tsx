import type { RunState } from './runStore';
import { BackendBadge } from './BackendBadge';
import { count } from '../shared/format';
import { BACKEND_LABELS } from '../../src/worker/calibration';
import { finalScoringMs, phaseLabel, timeLeftMs } from './timeLeft';

interface Props {
  readonly run: RunState;
  readonly totalSteps: number;
  readonly examplesPerStep: number;
  /** Examples each validation scores per task (the rest of the dev set is scored once, at the end). */
  readonly validationSample: number;
  readonly canTrain: boolean;
  readonly whyNot: string | null;
  readonly onTrain: () => void;
  readonly onPause: () => void;
  readonly onResume: () => void;
  /** One step: the first of a new run, or the next of a paused one; then paused. */
  readonly onStep: () => void;
  /** A Step's point has not arrived yet. */
  readonly stepping: boolean;
  readonly onStop: () => void;
  readonly onReset: () => void;
  /** Offered when the worker failed and a checkpoint exists. */
  readonly onContinue: () => void;
  readonly continueBackend: string;
}

export const isBusy = (s: RunState['status']) =>
  s === 'preparing' || s === 'training' || s === 'validating' || s === 'paused' || s === 'evaluating';

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/** What each task trains, validates and tests on, as the worker prepared it (after caps and joins). */
export function TrainedOn({ run }: { run: RunState }) {
  if (!run.prepared || run.status === 'idle') return null;
  return (
    <p className="hint trained-on">
      Training on:{' '}
      {run.prepared
        .map((t) => `${t.name} ${count(t.train)} train / ${count(t.valid)} validation / ${count(t.test)} test`)
        .join(' · ')}
    </p>
  );
}

/** Train / Pause / Resume / Step / Stop / Reset, the progress bar and the backend badge (sticky: always in reach). */
export function RunControls({
  run,
  totalSteps,
  examplesPerStep,
  validationSample,
  canTrain,
  whyNot,
  onTrain,
  onPause,
  onResume,
  onStep,
  stepping,
  onStop,
  onReset,
  onContinue,
  continueBackend,
}: Props) {
  const busy = isBusy(run.status);
  const step = run.points.at(-1)?.step ?? 0;
  const epoch = Math.max(0, ...Object.values(run.epochs));
  const perSecond = run.msPerStep ? (examplesPerStep * 1000) / run.msPerStep : null;
  // Validations still to come cost what they have cost per step so far.
  const validationShare =
    run.msPerStep && run.validationMsPerStep ? run.validationMsPerStep / (run.msPerStep + run.validationMsPerStep) : 0;
  const finalMs = finalScoringMs(run, validationSample);
  const left = timeLeftMs(run, totalSteps, finalMs);
  const finalKnown = finalMs !== null;
  const testing = run.status === 'evaluating' ? finalMs : null;
  const statusText =
    run.status === 'idle'
      ? 'Ready: press Train (or Space).'
      : run.status === 'preparing'
        ? run.measuring
          ? `Best available: timing ${BACKEND_LABELS[run.measuring]} on this model, to keep the faster backend (once per model size on this device)…`
          : 'Preparing data and starting the backend…'
        : run.status === 'failed'
          ? 'Stopped by an error (see above); the curves so far are kept.'
          : `${run.status === 'finished' ? `Finished (${run.result?.reason ?? ''})` : phaseLabel(run.status)} · step ${step} of ${totalSteps} · epoch ${epoch.toFixed(2)}` +
            `${perSecond ? ` · ${perSecond.toFixed(0)} examples/s` : ''}` +
            `${left !== null ? ` · about ${duration(left)} left${finalKnown ? ', the final test included' : ' before the final test (priced after the first validation)'}` : ''}` +
            `${testing !== null ? ` · about ${duration(testing)} in all for this phase` : ''}` +
            `${validationShare > 0 ? ` · validation ${(validationShare * 100).toFixed(0)} % of the training time` : ''}`;
  return (
    <section className="run-controls" aria-label="Run">
      <div className="buttons">
        <button
          type="button"
          className="primary"
          onClick={onTrain}
          disabled={busy || !canTrain}
          title={whyNot ?? undefined}
        >
          Train
        </button>
        <button type="button" onClick={onPause} disabled={run.status !== 'training' && run.status !== 'validating'}>
          Pause
        </button>
        <button type="button" onClick={onResume} disabled={run.status !== 'paused'}>
          Resume
        </button>
        <button
          type="button"
          onClick={onStep}
          disabled={stepping || (run.status === 'paused' ? false : busy || !canTrain)}
          title="Train exactly one step, then pause: see what one update does"
        >
          Step
        </button>
        <button type="button" onClick={onStop} disabled={!busy}>
          Stop
        </button>
        <button type="button" onClick={onReset} disabled={run.status === 'idle'}>
          Reset
        </button>
        <BackendBadge backend={run.backend} />
      </div>
      {!canTrain && whyNot && <p className="hint">{whyNot}</p>}
      {run.status === 'failed' && run.checkpoint && (
        <p className="recover">
          <button type="button" className="primary" onClick={onContinue}>
            Continue from step {run.checkpoint.step}
          </button>{' '}
          in a new worker on backend “{continueBackend}” (change it under Model and training).
        </p>
      )}
      <progress max={totalSteps} value={step} aria-label="Training progress" />
      <p role="status" className="status">
        {statusText}
      </p>
    </section>
  );
}
