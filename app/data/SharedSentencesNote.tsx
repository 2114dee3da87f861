import type { SharedSentences } from '../../src/data/corpusLoader';
import type { ExperimentForm } from '../../src/config/form';
import { count } from '../shared/format';

interface Props {
  readonly form: ExperimentForm;
  /** Null while the corpora load, or when one of them is on its offline sample (which has no shared sent_id). */
  readonly shared: SharedSentences | null;
  readonly locked: boolean;
  readonly onChange: (form: ExperimentForm) => void;
}

const n = (x: number | undefined) => count(x ?? 0);

/**
 * NER and POS annotate the same EWT sentences: how many they share, and the
 * choice to train both on exactly those (joined on sent_id).
 */
export function SharedSentencesNote({ form, shared, locked, onChange }: Props) {
  if (!form.enabled.ner || !form.enabled.pos) return null;
  if (!shared) {
    return form.sameSentences ? (
      <p className="note shared-sentences">
        “Same sentences” needs the real EWT corpora; on the built-in samples NER and POS each train on their own
        sentences.
      </p>
    ) : null;
  }
  const { train, dev, test } = shared.counts;
  const skipped = (train?.mismatched ?? 0) + (dev?.mismatched ?? 0) + (test?.mismatched ?? 0);
  return (
    <div className="note shared-sentences">
      <p>
        NER and POS share {n(train?.joined)} training sentences (joined on sent_id; dev {n(dev?.joined)}, test{' '}
        {n(test?.joined)}). {skipped} whose tokens differ between the two corpora are skipped by the join.
      </p>
      <label>
        <input
          type="checkbox"
          checked={form.sameSentences}
          disabled={locked}
          onChange={(e) => onChange({ ...form, sameSentences: e.target.checked })}
        />{' '}
        Train NER and POS on these shared sentences only
      </label>
    </div>
  );
}
