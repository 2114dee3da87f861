import { PRESETS, type Preset } from '../link/presets';

/**
 * A guided lesson: one question, a short sequence of preset runs, then a
 * comparison that states the answer `npm run eval:presets` measured over
 * seeds for the `answer` preset's claim. Step n (1-based) is the n-th run;
 * the step after the last run is the comparison. A lesson is a link
 * (`lesson=id&step=n`).
 */
export interface Lesson {
  readonly id: string;
  readonly question: string;
  /** What the class does and watches, in two sentences. */
  readonly intro: string;
  /** Preset ids, in the order they run. */
  readonly runs: readonly string[];
  /** The preset whose measured claim answers the question (its baseline is an earlier run of the lesson). */
  readonly answer: string;
}

export const LESSONS: readonly Lesson[] = [
  {
    id: 'pos-helps-ner',
    question: 'Does POS help NER when NER has little data?',
    intro:
      'NER learns from only 200 sentences: first alone, then sharing one encoder with POS tagging, which has all of its data. Watch NER’s validation F1 in both runs.',
    runs: ['ner-alone-200', 'ner-with-pos-200'],
    answer: 'ner-with-pos-200',
  },
  {
    id: 'what-lambda-does',
    question: 'What does λ do?',
    intro:
      'Under soft sharing each task has its own encoder and λ sets how hard the encoders are pulled together. The same pair, NER on 200 sentences and POS, trains with λ = 0 and then with λ = 1.',
    runs: ['ner-pos-200-soft-free', 'ner-pos-200-soft-tied'],
    answer: 'ner-pos-200-soft-tied',
  },
  {
    id: 'tasks-fight',
    question: 'When do tasks fight?',
    intro:
      'Two unlike tasks in an encoder too small for both: POS alone in 8 units, then POS beside sentiment in the same 8 units. Does sharing the capacity cost POS accuracy?',
    runs: ['pos-alone-small', 'interference'],
    answer: 'interference',
  },
];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

/** The lesson's number of steps: its runs, then the comparison. */
export const stepCount = (lesson: Lesson) => lesson.runs.length + 1;

/** The preset a step runs, or null for the comparison step. */
export function presetOfStep(lesson: Lesson, step: number): Preset | null {
  const id = lesson.runs[step - 1];
  if (id === undefined) return null;
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`lesson ${lesson.id}: no preset ${id}`);
  return preset;
}
