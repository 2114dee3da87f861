import { useCallback, useMemo, useState } from 'react';
import { findLesson, stepCount, type Lesson } from './lessons';

export interface LessonPlace {
  readonly lesson: Lesson;
  /** 1-based: the runs, then the comparison. */
  readonly step: number;
}

/** Each step's run id, kept per lesson in this browser, so the comparison finds the runs after a reload. */
const storageKey = (id: string) => `mtl-lesson-runs:${id}`;

function readRuns(id: string): Record<number, string> {
  try {
    const raw = window.localStorage.getItem(storageKey(id));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Record<number, string>) : {};
  } catch {
    return {};
  }
}

function writeRuns(id: string, runs: Record<number, string>): void {
  try {
    window.localStorage.setItem(storageKey(id), JSON.stringify(runs));
  } catch {
    // Storage refused (private mode, full): the comparison then finds the runs of this visit only.
  }
}

/**
 * Where the page is in a guided lesson, from the link (`lesson=…&step=…`):
 * an unknown lesson or a step past the end gets a notice and the nearest
 * sensible place. Remembers which saved run belongs to each step.
 */
export function useLesson(initial: { readonly id: string; readonly step: number } | null | undefined) {
  // What the link asked for that does not exist, said once (derived from the link, not kept in sync by an effect).
  const [notice, setNotice] = useState<string | null>(() => {
    if (!initial) return null;
    const lesson = findLesson(initial.id);
    if (!lesson) return `lesson=${JSON.stringify(initial.id)} is not a lesson: the page opens without one.`;
    return initial.step > stepCount(lesson)
      ? `The lesson has ${stepCount(lesson)} steps: it opens at the last one.`
      : null;
  });
  const [place, setPlace] = useState<LessonPlace | null>(() => {
    if (!initial) return null;
    const lesson = findLesson(initial.id);
    if (!lesson) return null;
    return { lesson, step: Math.min(initial.step, stepCount(lesson)) };
  });
  const [runs, setRuns] = useState<Record<number, string>>(() => (place ? readRuns(place.lesson.id) : {}));

  const goTo = useCallback((lesson: Lesson, step: number) => {
    setPlace({ lesson, step: Math.max(1, Math.min(step, stepCount(lesson))) });
    setRuns(readRuns(lesson.id));
  }, []);
  const exit = useCallback(() => setPlace(null), []);
  const recordRun = useCallback(
    (step: number, runId: string) => {
      if (!place) return;
      setRuns((prev) => {
        if (prev[step] === runId) return prev;
        const next = { ...prev, [step]: runId };
        writeRuns(place.lesson.id, next);
        return next;
      });
    },
    [place],
  );
  const link = useMemo(() => (place ? { id: place.lesson.id, step: place.step } : null), [place]);
  return { place, runs, goTo, exit, recordRun, link, notice, dismissNotice: () => setNotice(null) };
}
