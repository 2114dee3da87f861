import { DEFAULT_FORM, type ExperimentForm } from '../../src/config/form';
import { encodeLink } from '../../src/config/url';

export interface Preset {
  readonly id: string;
  readonly title: string;
  /** Two sentences for the class: what the run sets up, and what to look at. */
  readonly explanation: string;
  readonly form: ExperimentForm;
  /** A claim `npm run eval:presets` checks over seeds on the real corpora: this preset beats `baseline` on `task`'s headline metric. */
  readonly claim?: { readonly task: string; readonly baseline: string };
}

const only = (...tasks: string[]) => ({
  sentiment: tasks.includes('sentiment'),
  ner: tasks.includes('ner'),
  pos: tasks.includes('pos'),
});
const preset = (
  id: string,
  title: string,
  explanation: string,
  change: Partial<ExperimentForm>,
  claim?: Preset['claim'],
): Preset => ({
  id,
  title,
  explanation,
  form: { ...DEFAULT_FORM, ...change },
  ...(claim ? { claim } : {}),
});

/** Classroom presets: each is a link; a teacher sends it and the class gets the same run. */
export const PRESETS: readonly Preset[] = [
  preset(
    'ner-alone-200',
    'NER with 200 sentences, alone',
    'NER trains on only 200 sentences, with no other task. Note its entity F1, then open the next preset and compare.',
    { enabled: only('ner'), maxTrain: { sentiment: null, ner: 200, pos: null }, steps: 300 },
  ),
  preset(
    'ner-with-pos-200',
    'NER with 200 sentences, beside POS',
    'The same 200 NER sentences, now sharing one encoder with POS tagging on all of its data. Does the shared encoder lift NER’s F1 over the run alone? Over five seeds the lift was smaller than the seeds’ spread: the word shapes and suffixes the model reads already give NER much of what POS would teach it.',
    { enabled: only('ner', 'pos'), maxTrain: { sentiment: null, ner: 200, pos: null }, steps: 300 },
    { task: 'ner', baseline: 'ner-alone-200' },
  ),
  preset(
    'soft-independent',
    'Soft sharing with λ = 0: independent models',
    'Each task gets its own encoder and λ = 0 lets them drift apart freely, so this is three separate models trained side by side. Compare its curves with the next preset, where λ ties the encoders together.',
    { sharing: 'soft', lambda: 0 },
  ),
  preset(
    'soft-tied',
    'Soft sharing with a large λ: close to hard sharing',
    'A large λ makes differences between the task encoders expensive, so they stay nearly identical, much like one shared encoder. Overlay this run on the λ = 0 run to see the difference.',
    { sharing: 'soft', lambda: 1 },
  ),
  preset(
    'ner-pos-200-soft-free',
    'Soft sharing, λ = 0: NER (200 sentences) and POS apart',
    'NER on 200 sentences and POS each get their own encoder, and λ = 0 lets the two drift apart freely: two separate models trained side by side. Note NER’s F1, then compare with the same run at λ = 1.',
    {
      enabled: only('ner', 'pos'),
      maxTrain: { sentiment: null, ner: 200, pos: null },
      steps: 300,
      sharing: 'soft',
      lambda: 0,
    },
  ),
  preset(
    'ner-pos-200-soft-tied',
    'Soft sharing, λ = 1: NER (200 sentences) and POS pulled together',
    'The same two encoders, now pulled together by λ·Σ‖θ_NER − θ_POS‖²: differences between them cost loss, so what POS learns leaks into NER’s encoder. Overlay it on the λ = 0 run: does tying the encoders change NER’s F1?',
    {
      enabled: only('ner', 'pos'),
      maxTrain: { sentiment: null, ner: 200, pos: null },
      steps: 300,
      sharing: 'soft',
      lambda: 1,
    },
    { task: 'ner', baseline: 'ner-pos-200-soft-free' },
  ),
  preset(
    'pos-alone-small',
    'POS alone in a small encoder',
    'POS tagging alone in an encoder only 8 units wide. Note its accuracy, then compare with the next preset, where sentiment shares those 8 units.',
    { enabled: only('pos'), hiddenSize: 8, embeddingDim: 16 },
  ),
  preset(
    'drowned',
    'One task drowned by its weight',
    'POS has weight 5 and NER 0.05, so nearly all of the gradient serves POS. Watch NER’s validation F1 lag behind while the weighted total still falls.',
    { enabled: only('ner', 'pos'), weights: { sentiment: 1, ner: 0.05, pos: 5 } },
  ),
  preset(
    'interference',
    'Two unlike tasks in one small encoder',
    'Sentiment (one label per sentence) and POS (a label per word) share an encoder only 8 units wide. Compare each task’s metric with its single-task run to see whether they compete for capacity.',
    { enabled: only('sentiment', 'pos'), hiddenSize: 8, embeddingDim: 16 },
    { task: 'pos', baseline: 'pos-alone-small' },
  ),
  preset(
    'early-stopping',
    'Early stopping catches overfitting',
    'A small training budget (100 NER sentences), a high learning rate and many steps make the model memorise its data. Watch the validation loss turn upward; early stopping ends the run and restores the best checkpoint.',
    {
      enabled: only('ner'),
      maxTrain: { sentiment: null, ner: 100, pos: null },
      learningRate: 0.02,
      steps: 3000,
      patience: 3,
    },
  ),
];

export function presetLink(p: Preset): string {
  return `?${encodeLink({ form: p.form, autorun: false, hide: [], preset: p.id })}`;
}
