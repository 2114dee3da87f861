import { Random } from '../random';
import { INTENSIFIERS, NEGATIVE, pick, POSITIVE, RARE_NEGATIVE, RARE_POSITIVE, SUBJECTS } from './lexicon';

// The sentiment samples: short SST-2-style reviews from the lexicon's sentiment words, with negation and contrast.

const SENTIMENT_NOISE = 0.06;
const intensifier = (r: Random) => pick(r, INTENSIFIERS);
/** The label, wrong in a few texts (annotation noise). */
const noisyLabel = (r: Random, positive: boolean): 0 | 1 =>
  (r.next() < SENTIMENT_NOISE ? !positive : positive) ? 1 : 0;

/** Sentiment sentences in SST-2 style (lower-cased, space-tokenised): label 1 positive, 0 negative. */
export function sentimentSamples(count: number, seed: number): { text: string; label: 0 | 1 }[] {
  const r = new Random(seed);
  return Array.from({ length: count }, () => {
    const positive = r.next() < 0.5;
    const negated = r.next() < 0.25;
    const rare = r.next() < 0.2;
    const praise = positive !== negated;
    const adjective = pick(r, praise ? (rare ? RARE_POSITIVE : POSITIVE) : rare ? RARE_NEGATIVE : NEGATIVE);
    const subject = pick(r, SUBJECTS);
    // A contrast: the clause after "but" decides, the one before says the opposite.
    if (!negated && r.next() < 0.2) {
      const first = pick(r, positive ? NEGATIVE : POSITIVE);
      const text = `${pick(r, SUBJECTS)} is ${first} , but ${subject} is ${intensifier(r)}${adjective} .`.replace(
        /\s+/g,
        ' ',
      );
      return { text, label: noisyLabel(r, positive) };
    }
    const intensifierText = intensifier(r);
    const forms = [
      `${subject} is ${negated ? 'not ' : ''}${intensifierText}${adjective} .`,
      `i found ${subject} ${negated ? 'anything but' : intensifierText.trim() || 'so'} ${adjective} .`,
      `${negated ? 'nobody would call' : 'everyone will find'} ${subject} ${adjective} .`,
      `a ${intensifierText}${adjective} ${negated ? 'mess , not a film' : 'piece of work'} .`,
    ];
    const text = pick(r, negated ? forms.slice(0, 3) : forms).replace(/\s+/g, ' ');
    return { text, label: noisyLabel(r, positive) };
  });
}

export function toSentimentTsv(rows: readonly { text: string; label: 0 | 1 }[]): string {
  return ['label\tsentence', ...rows.map((r) => `${r.label}\t${r.text}`)].join('\n').concat('\n');
}
