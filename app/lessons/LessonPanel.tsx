import { presetOfStep, stepCount } from './lessons';
import type { LessonPlace } from './useLesson';

interface Props {
  readonly place: LessonPlace;
  /** A run is in progress: Next and Back wait for it to end (or be stopped). */
  readonly busy: boolean;
  readonly onBack: () => void;
  readonly onNext: () => void;
  readonly onExit: () => void;
}

/** The lesson's question, where the class is in it, and Back / Next: Next starts the next run, or opens the comparison. */
export function LessonPanel({ place, busy, onBack, onNext, onExit }: Props) {
  const { lesson, step } = place;
  const total = stepCount(lesson);
  const preset = presetOfStep(lesson, step);
  const next = step < total ? presetOfStep(lesson, step + 1) : null;
  const nextLabel = step >= total ? null : next ? `Next: run ${step + 1} of ${total - 1}` : 'Next: compare the runs';
  return (
    <section className="lesson" aria-label="Lesson">
      <div className="lesson-head">
        <h2>
          Lesson: {lesson.question}{' '}
          <span className="lesson-step">
            step {step} of {total}
            {preset ? `: ${preset.title}` : ': the comparison'}
          </span>
        </h2>
        <div className="buttons">
          <button type="button" onClick={onBack} disabled={step <= 1 || busy}>
            Back
          </button>
          {nextLabel && (
            <button
              type="button"
              className="primary"
              onClick={onNext}
              disabled={busy}
              title={busy ? 'When this run ends (or is stopped)' : undefined}
            >
              {nextLabel}
            </button>
          )}
          <button type="button" onClick={onExit}>
            Leave the lesson
          </button>
        </div>
      </div>
      <p className="lesson-text">
        {step === 1 && `${lesson.intro} `}
        {preset
          ? preset.explanation
          : 'The runs side by side: the table, the overlaid curves and the answer measured over seeds.'}
      </p>
    </section>
  );
}
