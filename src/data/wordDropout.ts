import type { Batch } from './batching';
import type { Random } from './random';
import { PAD_ID, UNK_ID } from './vocabulary';

/**
 * Word dropout (Kiperwasser & Goldberg 2016): during training, a word seen c
 * times in the training data becomes <unk> with probability α/(α+c), so the
 * <unk> row is trained on the kind of word that is unseen at test time (rare
 * ones) and the model learns to lean on the word's other features. Only the
 * word id changes; a representation's affixes, shape or characters stay.
 * Training batches only: evaluation never calls this. Returns a new batch.
 */
export function dropWords(batch: Batch, counts: Int32Array, alpha: number, random: Random): Batch {
  if (alpha <= 0) return batch;
  const ids = batch.ids.slice();
  const k = batch.idsPerToken;
  for (let t = 0; t < batch.size * batch.length; t++) {
    if (batch.mask[t] === 0) continue;
    const id = ids[t * k] as number;
    if (id === PAD_ID || id === UNK_ID) continue;
    if (random.next() < alpha / (alpha + (counts[id] ?? 0))) ids[t * k] = UNK_ID;
  }
  return { ...batch, ids };
}
