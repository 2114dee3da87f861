import { describe, expect, it } from 'vitest';
import { makeBatch } from './batching';
import { Random } from './random';
import { dropWords } from './wordDropout';
import { PAD_ID, UNK_ID } from './vocabulary';

describe('dropWords', () => {
  // Two ids per token (word id, one feature id); word 2 was seen once, word 3 a thousand times.
  const example = { ids: Int32Array.from([2, 50, 3, 51, 2, 52]), target: Int32Array.from([0, 1, 0]) };
  const counts = Int32Array.from([0, 0, 1, 1000]);

  it('replaces rare words by <unk> at about α/(α+c), frequent ones almost never, and leaves features and padding alone', () => {
    const random = new Random(3);
    let rareDropped = 0;
    let frequentDropped = 0;
    const trials = 4000;
    for (let i = 0; i < trials; i++) {
      const batch = makeBatch([example], 8, 2, 2);
      const out = dropWords(batch, counts, 1, random);
      if (out.ids[0] === UNK_ID) rareDropped++;
      if (out.ids[2] === UNK_ID) frequentDropped++;
      expect(Array.from(out.ids.filter((_, j) => j % 2 === 1).slice(0, 3))).toEqual([50, 51, 52]);
      expect(Array.from(out.ids.slice(6))).toEqual(new Array(out.ids.length - 6).fill(PAD_ID));
      // The batch the sampler made is not changed.
      expect(batch.ids[0]).toBe(2);
    }
    // α = 1, c = 1: p = 0.5; c = 1000: p ≈ 0.001.
    expect(rareDropped / trials).toBeGreaterThan(0.45);
    expect(rareDropped / trials).toBeLessThan(0.55);
    expect(frequentDropped / trials).toBeLessThan(0.01);
  });

  it('is off at α = 0 (and evaluation never calls it)', () => {
    const batch = makeBatch([example], 8, 1, 2);
    expect(dropWords(batch, counts, 0, new Random(1))).toBe(batch);
  });
});
