import { Random } from '../random';
import { pick } from './lexicon';
import { TEMPLATES } from './templates';

// The POS/NER samples: sentences drawn from the templates, with annotation noise, written as CoNLL-U and IOB2.

/** Annotation noise: a few tags are wrong in every split, as in real corpora, so no model reaches 100 %. */
const CONFUSABLE: Readonly<Record<string, string>> = {
  NOUN: 'PROPN',
  PROPN: 'NOUN',
  ADJ: 'NOUN',
  VERB: 'AUX',
  AUX: 'VERB',
  ADP: 'ADV',
  ADV: 'ADJ',
  DET: 'PRON',
  PRON: 'DET',
  SCONJ: 'ADP',
};
const POS_NOISE = 0.03;
const ENTITY_NOISE = 0.06;
const ENTITY_TYPES = ['PER', 'ORG', 'LOC'] as const;

export interface SampleSentence {
  readonly id: string;
  readonly tokens: readonly string[];
  readonly upos: readonly string[];
  readonly ner: readonly string[];
}

export function sampleSentences(count: number, seed: number, prefix: string): SampleSentence[] {
  const r = new Random(seed);
  return Array.from({ length: count }, (_, i) => {
    const words = pick(r, TEMPLATES)(r);
    const tokens: string[] = [];
    const upos: string[] = [];
    const ner: string[] = [];
    for (const word of words) {
      // A mislabelled entity: missed (O) or given another type.
      const noisy = word.entity && r.next() < ENTITY_NOISE;
      const entity = noisy
        ? r.next() < 0.5
          ? undefined
          : pick(
              r,
              ENTITY_TYPES.filter((t) => t !== word.entity),
            )
        : word.entity;
      word.tokens.forEach(([t, u], k) => {
        tokens.push(t);
        upos.push(r.next() < POS_NOISE ? (CONFUSABLE[u] ?? u) : u);
        ner.push(entity ? `${k === 0 ? 'B' : 'I'}-${entity}` : 'O');
      });
    }
    if (tokens[0]) tokens[0] = tokens[0].charAt(0).toUpperCase() + tokens[0].slice(1);
    return { id: `${prefix}-${String(i + 1).padStart(4, '0')}`, tokens, upos, ner };
  });
}

export function toConllu(sentences: readonly SampleSentence[]): string {
  return sentences
    .map((s) =>
      [
        `# sent_id = ${s.id}`,
        `# text = ${s.tokens.join(' ')}`,
        ...s.tokens.map((t, i) => `${i + 1}\t${t}\t_\t${s.upos[i]}\t_\t_\t_\t_\t_\t_`),
      ].join('\n'),
    )
    .join('\n\n')
    .concat('\n');
}

export function toIob2(sentences: readonly SampleSentence[]): string {
  return sentences
    .map((s) =>
      [
        `# sent_id = ${s.id}`,
        `# text = ${s.tokens.join(' ')}`,
        ...s.tokens.map((t, i) => `${i + 1}\t${t}\t${s.ner[i]}\t-\t-`),
      ].join('\n'),
    )
    .join('\n\n')
    .concat('\n');
}
